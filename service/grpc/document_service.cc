#include "service/grpc/document_service.h"

#include <atomic>

#include "absl/strings/str_cat.h"
#include "glog/logging.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/documents.h"
#include "service/grpc/status_mapping.h"

namespace discipline::grpc_api {
namespace {

namespace pb = ::asn::discipline::v1;

constexpr size_t kChunkBytes = 64 * 1024;

// Reads the metadata message, then each chunk, handing it to the upload use
// case (app::Upload) on the executor before asking for the next: one chunk
// in memory at a time. The reactor owns the stream only: its framing, the
// caller's uploads in flight, and telling a completed stream from a
// cancelled one.
class UploadReactor final : public grpc::ServerReadReactor<pb::UploadDocumentRequest> {
 public:
  UploadReactor(grpc::CallbackServerContext* ctx, app::DocumentUseCases& uploads, Executor& executor,
                pb::DocumentRef* response, domain::Caller caller, int max_concurrent, UploadSlots* slots)
      : ctx_(ctx),
        uploads_(uploads),
        executor_(executor),
        response_(response),
        caller_(std::move(caller)),
        slots_(slots) {
    // A bounded number of uploads in flight per caller.
    if (slots_ != nullptr && !slots_->Acquire(caller_.Id(), max_concurrent)) {
      slots_ = nullptr;
      Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          absl::StrCat("uploads: at most ", max_concurrent,
                                       " uploads of one caller at a time; retry when one has finished")));
      return;
    }
    StartRead(&request_);
  }
  void OnCancel() override { cancelled_ = true; }
  void OnReadDone(bool ok) override {
    if (!ok) {
      // The stream ended: by the client's WritesDone, or by a cancellation
      // or a lost connection. Only the first is a complete document. The
      // callback API ends the read the same way for all three, and tells of
      // a cancellation (OnCancel, IsCancelled) in its own time, possibly
      // after this. A send decides it: after a half-close the call is still
      // open and the initial metadata goes out; after a cancellation or a
      // lost connection the stream is closed and the send fails.
      if (!started_) return Finish(ToGrpcStatus(InvalidField("metadata", "the first message must carry the metadata")));
      return StartSendInitialMetadata();
    }
    if (!started_) {
      if (!request_.has_metadata()) {
        return Finish(ToGrpcStatus(InvalidField("metadata", "the first message must carry the metadata")));
      }
      const pb::DocumentMetadata& m = request_.metadata();
      if (!pb::DocumentKind_IsValid(m.kind()))
        return Finish(ToGrpcStatus(InvalidField("metadata.kind", "is required")));
      started_ = true;
      app::UploadRequest r{m.case_id(), m.kind(), m.file_name(), m.media_type(), m.size_bytes()};
      return executor_.Submit([this, r = std::move(r)] {
        auto upload = uploads_.Begin(caller_, r);
        if (!upload.ok()) return Finish(ToGrpcStatus(upload.status()));
        upload_ = std::move(*upload);
        StartRead(&request_);
      });
    }
    if (!request_.has_chunk() && request_.has_metadata()) {
      return Finish(ToGrpcStatus(InvalidField("metadata", "only the first message may carry the metadata")));
    }
    executor_.Submit([this] {
      if (cancelled_) return Discard();
      if (absl::Status s = upload_->Write(request_.chunk()); !s.ok()) return Finish(ToGrpcStatus(s));
      StartRead(&request_);
    });
  }
  // Only a stream the client completed (half-closed, not cancelled) is
  // committed.
  void OnSendInitialMetadataDone(bool ok) override {
    if (!ok) return executor_.Submit([this] { Discard(); });
    executor_.Submit([this] {
      if (cancelled_ || ctx_->IsCancelled()) return Discard();
      auto result = upload_->Commit();
      if (!result.ok()) return Finish(ToGrpcStatus(result.status()));
      const ports::DocumentRef& ref = result->ref;
      if (!result->recorded.ok()) {
        LOG(WARNING) << "upload quota: " << ref.document_id << " not recorded: " << result->recorded;
      }
      response_->set_document_id(ref.document_id);
      response_->set_sha256(ref.sha256);
      response_->set_size_bytes(ref.size_bytes);
      LOG(INFO) << "document " << ref.document_id << " stored: " << ref.size_bytes << " bytes, sha256 " << ref.sha256;
      Finish(grpc::Status::OK);
    });
  }
  void OnDone() override {
    if (slots_ != nullptr) slots_->Release(caller_.Id());
    delete this;
  }

 private:
  // A cancelled upload is never committed: the upload is dropped (its spool
  // removed) and nothing is stored.
  void Discard() {
    const int64_t written = upload_ != nullptr ? upload_->written() : 0;
    upload_.reset();
    LOG(INFO) << "upload cancelled after " << written << " bytes: discarded";
    Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the upload was cancelled; nothing was stored"));
  }

  // In the constructor's order.
  grpc::CallbackServerContext* const ctx_;
  app::DocumentUseCases& uploads_;
  Executor& executor_;
  pb::DocumentRef* response_;
  const domain::Caller caller_;
  UploadSlots* slots_;
  std::atomic<bool> cancelled_{false};
  bool started_ = false;  // the metadata arrived
  pb::UploadDocumentRequest request_;
  std::unique_ptr<app::Upload> upload_;
};

// Opens the document through the use case on the executor (the read is
// authorized on its metadata, the document verified and the read recorded
// there), sends its metadata, then one chunk per write.
class DownloadReactor final : public grpc::ServerWriteReactor<pb::GetDocumentResponse> {
 public:
  DownloadReactor(app::DocumentUseCases& documents, Executor& executor, std::string id, domain::Caller caller)
      : executor_(executor) {
    executor_.Submit([this, &documents, id = std::move(id), caller = std::move(caller)] {
      auto opened = documents.Open(caller, id);
      if (!opened.ok()) return Finish(ToGrpcStatus(opened.status()));
      reader_ = std::move(opened->reader);
      const ports::DocumentMetadata& m = opened->metadata;
      LOG(INFO) << "document " << id << " (" << domain::DocumentKindName(m.kind) << ", case "
                << (m.case_id.empty() ? "none" : m.case_id) << ") read by " << caller.Id();
      pb::DocumentInfo* info = response_.mutable_info();
      info->mutable_metadata()->set_case_id(m.case_id);
      info->mutable_metadata()->set_kind(static_cast<pb::DocumentKind>(m.kind));
      info->mutable_metadata()->set_file_name(m.file_name);
      // Documents stored before the allow-list are served by it too.
      info->mutable_metadata()->set_media_type(domain::ServedMediaType(m.media_type));
      info->mutable_metadata()->set_agency_code(m.agency_code);
      info->mutable_ref()->set_document_id(reader_->ref().document_id);
      info->mutable_ref()->set_sha256(reader_->ref().sha256);
      info->mutable_ref()->set_size_bytes(reader_->ref().size_bytes);
      StartWrite(&response_);
    });
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
    executor_.Submit([this] {
      absl::Status s = reader_->Read(kChunkBytes, response_.mutable_chunk());
      if (!s.ok()) return Finish(ToGrpcStatus(s));
      if (response_.chunk().empty()) return Finish(grpc::Status::OK);
      StartWrite(&response_);
    });
  }
  void OnDone() override { delete this; }

 private:
  Executor& executor_;
  std::unique_ptr<ports::DocumentReader> reader_;
  pb::GetDocumentResponse response_;
};

}  // namespace

grpc::ServerReadReactor<pb::UploadDocumentRequest>* DocumentServiceImpl::UploadDocument(
    grpc::CallbackServerContext* ctx, pb::DocumentRef* response) {
  auto caller = auth_.Authenticate(*ctx);
  if (caller.ok()) {
    if (absl::Status s = domain::Authorize(*caller, domain::Action::kUploadDocument, nullptr, policy_); !s.ok()) {
      caller = s;
    }
  }
  if (!caller.ok()) {
    // Refused before a byte is stored.
    class Refused final : public grpc::ServerReadReactor<pb::UploadDocumentRequest> {
     public:
      explicit Refused(const absl::Status& s) { Finish(ToGrpcStatus(s)); }
      void OnDone() override { delete this; }
    };
    return new Refused(caller.status());
  }
  return new UploadReactor(ctx, documents_, executor_, response, *std::move(caller),
                           limits_.max_concurrent_uploads_per_caller, &slots_);
}

grpc::ServerWriteReactor<pb::GetDocumentResponse>* DocumentServiceImpl::GetDocument(
    grpc::CallbackServerContext* ctx, const pb::GetDocumentRequest* request) {
  auto caller = auth_.Authenticate(*ctx);
  if (caller.ok()) {
    if (absl::Status s = domain::Authorize(*caller, domain::Action::kGetDocument, nullptr, policy_); !s.ok())
      caller = s;
  }
  if (!caller.ok()) {
    class Refused final : public grpc::ServerWriteReactor<pb::GetDocumentResponse> {
     public:
      explicit Refused(const absl::Status& s) { Finish(ToGrpcStatus(s)); }
      void OnDone() override { delete this; }
    };
    return new Refused(caller.status());
  }
  return new DownloadReactor(documents_, executor_, request->document_id(), *std::move(caller));
}

grpc::ServerUnaryReactor* DocumentServiceImpl::SignDocument(grpc::CallbackServerContext* ctx,
                                                            const pb::SignDocumentRequest* request,
                                                            pb::DocumentRef* response) {
  return RunUnary(ctx, executor_, [this, ctx, request, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (signing_ == nullptr) {
      return WithIndonesian(
          absl::FailedPreconditionError("esign: no e-sign service is configured (ServerConfig.esign)"),
          "Layanan tanda tangan elektronik belum dikonfigurasi.");
    }
    app::SignInput in;
    in.request_id = request->request_id();
    in.case_id = request->case_id();
    in.version = request->version();
    in.document_id = request->document_id();
    in.credentials = {request->nik(), request->passphrase(), request->totp()};
    ASSIGN_OR_RETURN(app::SignResult result, signing_->SignDecisionDocument(caller, in));
    response->set_document_id(result.signed_document.document_id);
    response->set_sha256(result.signed_document.sha256);
    response->set_size_bytes(result.signed_document.size_bytes);
    LOG(INFO) << "document " << result.signed_document.document_id << " signed (BSrE) for case " << request->case_id()
              << " by " << caller.Id();
    return absl::OkStatus();
  });
}

}  // namespace discipline::grpc_api
