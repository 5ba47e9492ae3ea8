#include "service/grpc/letter_service.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/time/time.h"
#include "glog/logging.h"
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

// A recorded letter (the event's payload, the Letter under "change") or a
// letter just signed (the Letter itself) into `out`.
absl::Status LetterFromRecord(const app::LetterRecord& record, pb::Letter* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  google::protobuf::Struct event;
  std::string letter_json = record.letter_json;
  if (!google::protobuf::util::JsonStringToMessage(record.letter_json, &event, options).ok()) {
    return absl::DataLossError("a recorded letter does not parse");
  }
  if (event.fields().contains("change")) {
    // MessageToJsonString appends to its output: a fresh string.
    std::string change;
    if (!google::protobuf::util::MessageToJsonString(event.fields().at("change"), &change).ok()) {
      return absl::DataLossError("a recorded letter does not parse");
    }
    letter_json = std::move(change);
  }
  if (!google::protobuf::util::JsonStringToMessage(letter_json, out, options).ok()) {
    return absl::DataLossError("a recorded letter does not parse");
  }
  return absl::OkStatus();
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
    for (const auto& record : records) {
      // The recorded event holds the Letter as JSON (LetterUseCases) under
      // "change" (the store's event payload, AUDIT_FORMAT.md).
      RETURN_IF_ERROR(LetterFromRecord(record, response->add_letters()));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LetterServiceImpl::SignLetter(grpc::CallbackServerContext* ctx,
                                                        const pb::SignLetterRequest* r, pb::Letter* response) {
  return RunUnary(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const d::Caller caller, auth_.Authenticate(*ctx));
    if (r->case_id().empty()) return InvalidField("case_id", "required");
    if (r->letter_id().empty()) return InvalidField("letter_id", "required");
    app::SignLetterInput in;
    in.case_id = r->case_id();
    in.letter_id = r->letter_id();
    in.request_id = r->request_id();
    in.version = r->version();
    in.credentials = {r->nik(), r->passphrase(), r->totp()};
    ASSIGN_OR_RETURN(const app::LetterRecord record, letters_.SignLetter(caller, in, signing_));
    RETURN_IF_ERROR(LetterFromRecord(record, response));
    // The ids only: the credentials are never logged.
    LOG(INFO) << "letter " << r->letter_id() << " signed (BSrE) as " << response->letter_id() << " for case "
              << r->case_id() << " by " << caller.Id();
    return absl::OkStatus();
  });
}

}  // namespace discipline::grpc_api
