#ifndef DISCIPLINE_SERVICE_GRPC_DOCUMENT_SERVICE_H_
#define DISCIPLINE_SERVICE_GRPC_DOCUMENT_SERVICE_H_

#include "asn/discipline/v1/documents.grpc.pb.h"
#include "service/app/case_use_cases.h"
#include "service/app/document_use_cases.h"
#include "service/app/sign_use_cases.h"
#include "service/grpc/auth.h"
#include "service/grpc/executor.h"
#include "service/grpc/upload_slots.h"
#include "service/ports/document_store.h"
#include "service/ports/upload_ledger.h"

namespace discipline::grpc_api {

// DocumentService over a DocumentStore: uploads stream to the store chunk by
// chunk (bounded memory, bounded size), downloads stream back after the hash
// check. Neither dependency is owned.
class DocumentServiceImpl final : public asn::discipline::v1::DocumentService::CallbackService {
 public:
  // `cases`, when set, checks that an upload's case_id is a case of the
  // caller's scope.
  DocumentServiceImpl(ports::DocumentStore& store, Executor& executor, int64_t max_upload_bytes,
                      const Authenticator& auth, const domain::Policy& policy, app::CaseUseCases* cases,
                      ports::UploadLedger* ledger = nullptr, ports::UploadLimits limits = {})
      : executor_(executor),
        auth_(auth),
        policy_(policy),
        limits_(limits),
        documents_(store, max_upload_bytes, policy, clock_, cases, ledger, limits) {}

  grpc::ServerReadReactor<asn::discipline::v1::UploadDocumentRequest>* UploadDocument(
      grpc::CallbackServerContext* ctx, asn::discipline::v1::DocumentRef* response) override;
  grpc::ServerWriteReactor<asn::discipline::v1::GetDocumentResponse>* GetDocument(
      grpc::CallbackServerContext* ctx, const asn::discipline::v1::GetDocumentRequest* request) override;
  // The SK signed through BSrE (app/sign_use_cases.h); the credentials go to
  // the use case only.
  grpc::ServerUnaryReactor* SignDocument(grpc::CallbackServerContext* ctx,
                                         const asn::discipline::v1::SignDocumentRequest* request,
                                         asn::discipline::v1::DocumentRef* response) override;
  // Not owned; null: SignDocument is FAILED_PRECONDITION.
  void set_signing(app::SignUseCases* signing) { signing_ = signing; }

 private:
  Executor& executor_;
  const Authenticator& auth_;
  const domain::Policy& policy_;
  const ports::UploadLimits limits_;
  ports::SystemClock clock_;
  // The use cases: the reactors stream bytes into and out of them.
  app::DocumentUseCases documents_;
  // Each caller's uploads in flight (UploadLimits).
  UploadSlots slots_;
  app::SignUseCases* signing_ = nullptr;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_DOCUMENT_SERVICE_H_
