#ifndef DISCIPLINE_SERVICE_GRPC_LETTER_SERVICE_H_
#define DISCIPLINE_SERVICE_GRPC_LETTER_SERVICE_H_

#include "asn/discipline/v1/letters.grpc.pb.h"
#include "service/app/letter_use_cases.h"
#include "service/grpc/auth.h"
#include "service/grpc/executor.h"

namespace discipline::grpc_api {

// LetterService: authenticate, validate, one call into the use cases,
// convert. No dependency is owned.
class LetterServiceImpl : public asn::discipline::v1::LetterService::CallbackService {
 public:
  // `signing` null: no e-sign service (SignLetter is FAILED_PRECONDITION).
  LetterServiceImpl(app::LetterUseCases& letters, Executor& executor, const Authenticator& auth,
                    app::SignUseCases* signing = nullptr)
      : letters_(letters), executor_(executor), auth_(auth), signing_(signing) {}

  grpc::ServerUnaryReactor* RenderLetter(grpc::CallbackServerContext* ctx,
                                         const asn::discipline::v1::RenderLetterRequest* request,
                                         asn::discipline::v1::Letter* response) override;
  grpc::ServerUnaryReactor* ListLetters(grpc::CallbackServerContext* ctx,
                                        const asn::discipline::v1::ListLettersRequest* request,
                                        asn::discipline::v1::ListLettersResponse* response) override;
  grpc::ServerUnaryReactor* SignLetter(grpc::CallbackServerContext* ctx,
                                       const asn::discipline::v1::SignLetterRequest* request,
                                       asn::discipline::v1::Letter* response) override;

 private:
  app::LetterUseCases& letters_;
  Executor& executor_;
  const Authenticator& auth_;
  app::SignUseCases* signing_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_LETTER_SERVICE_H_
