#include "service/grpc/letter_service.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/time/time.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"

namespace discipline::grpc_api {
namespace {

namespace pb = ::asn::discipline::v1;
namespace d = ::discipline::domain;

void ToProto(const app::RenderedLetter& l, pb::Letter* out) {
  out->set_letter_id(l.letter_id);
  out->set_kind(static_cast<pb::LetterKind>(l.kind));
  out->mutable_document()->set_document_id(l.document.document_id);
  out->mutable_document()->set_sha256(l.document.sha256);
  out->mutable_document()->set_size_bytes(l.document.size_bytes);
  out->set_number(l.number);
  out->set_rendered_at(absl::FormatTime(absl::RFC3339_sec, l.rendered_at, absl::UTCTimeZone()));
  out->set_template_version(l.template_version);
}

}  // namespace

grpc::ServerUnaryReactor* LetterServiceImpl::RenderLetter(grpc::CallbackServerContext* ctx,
                                                          const pb::RenderLetterRequest* r, pb::Letter* response) {
  return RunUnary(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const d::Caller caller, auth_.Authenticate(*ctx));
    if (r->case_id().empty()) return InvalidField("case_id", "required");
    if (!pb::LetterKind_IsValid(r->kind()) || r->kind() == pb::LETTER_KIND_UNSPECIFIED) {
      return InvalidField("kind", "required: a LetterKind");
    }
    ASSIGN_OR_RETURN(const app::RenderedLetter letter,
                     letters_.RenderLetter(caller, r->case_id(), static_cast<d::LetterKind>(r->kind())));
    ToProto(letter, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LetterServiceImpl::ListLetters(grpc::CallbackServerContext* ctx,
                                                         const pb::ListLettersRequest* r,
                                                         pb::ListLettersResponse* response) {
  return RunUnary(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const d::Caller caller, auth_.Authenticate(*ctx));
    if (r->case_id().empty()) return InvalidField("case_id", "required");
    ASSIGN_OR_RETURN(const std::vector<app::LetterRecord> records, letters_.ListLetters(caller, r->case_id()));
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    for (const auto& record : records) {
      // The recorded event holds the Letter as JSON (LetterUseCases) under
      // "change" (the store's event payload, AUDIT_FORMAT.md).
      google::protobuf::Struct event;
      std::string letter_json;
      if (!google::protobuf::util::JsonStringToMessage(record.letter_json, &event, options).ok() ||
          !event.fields().contains("change") ||
          !google::protobuf::util::MessageToJsonString(event.fields().at("change"), &letter_json).ok() ||
          !google::protobuf::util::JsonStringToMessage(letter_json, response->add_letters(), options).ok()) {
        return absl::DataLossError("ListLetters: a recorded letter does not parse");
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace discipline::grpc_api
