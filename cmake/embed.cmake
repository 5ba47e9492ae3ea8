# discipline_embed(<out_cc> <namespace> <symbol> <file>...)
# Compiles text files into the binary: one `absl::string_view <symbol>[]`-like
# table of {name, contents} pairs, so the server carries its rules, calendar
# and migrations with it. The data files stay the single source of truth.
set(DISCIPLINE_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_script.cmake)

function(discipline_embed out_cc namespace symbol)
  add_custom_command(
    OUTPUT ${out_cc}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cc} -DNAMESPACE=${namespace}
            -DSYMBOL=${symbol} "-DFILES=${ARGN}" -P ${DISCIPLINE_EMBED_SCRIPT}
    DEPENDS ${ARGN} ${DISCIPLINE_EMBED_SCRIPT}
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
