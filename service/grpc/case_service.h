#ifndef DISCIPLINE_SERVICE_GRPC_CASE_SERVICE_H_
#define DISCIPLINE_SERVICE_GRPC_CASE_SERVICE_H_

#include "asn/discipline/v1/audit.grpc.pb.h"
#include "asn/discipline/v1/cases.grpc.pb.h"
#include "service/app/case_use_cases.h"
#include "service/grpc/auth.h"
#include "service/grpc/executor.h"

namespace discipline::grpc_api {

namespace pb = ::asn::discipline::v1;

// CaseService: authenticate, validate, convert, one call into the use cases
// (which authorize), convert back. No dependency is owned.
class CaseServiceImpl final : public pb::CaseService::CallbackService {
 public:
  CaseServiceImpl(app::CaseUseCases& cases, Executor& executor, const Authenticator& auth)
      : cases_(cases), executor_(executor), auth_(auth) {}

  grpc::ServerUnaryReactor* FileCase(grpc::CallbackServerContext*, const pb::FileCaseRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext*, const pb::GetCaseRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext*, const pb::ListCasesRequest*,
                                      pb::ListCasesResponse*) override;
  grpc::ServerUnaryReactor* IssueSummons(grpc::CallbackServerContext*, const pb::IssueSummonsRequest*,
                                         pb::Case*) override;
  grpc::ServerUnaryReactor* RecordExamination(grpc::CallbackServerContext*, const pb::RecordExaminationRequest*,
                                              pb::Case*) override;
  grpc::ServerUnaryReactor* RecommendSanction(grpc::CallbackServerContext*, const pb::RecommendSanctionRequest*,
                                              pb::Case*) override;
  grpc::ServerUnaryReactor* DecideSanction(grpc::CallbackServerContext*, const pb::DecideSanctionRequest*,
                                           pb::Case*) override;
  grpc::ServerUnaryReactor* WithdrawRecommendation(grpc::CallbackServerContext*,
                                                   const pb::WithdrawRecommendationRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* ReissueSummons(grpc::CallbackServerContext*, const pb::ReissueSummonsRequest*,
                                           pb::Case*) override;
  grpc::ServerUnaryReactor* ReopenExamination(grpc::CallbackServerContext*, const pb::ReopenExaminationRequest*,
                                              pb::Case*) override;
  grpc::ServerUnaryReactor* JoinCases(grpc::CallbackServerContext*, const pb::JoinCasesRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* RecordDelivery(grpc::CallbackServerContext*, const pb::RecordDeliveryRequest*,
                                           pb::Case*) override;
  grpc::ServerUnaryReactor* FileRemedy(grpc::CallbackServerContext*, const pb::FileRemedyRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* CloseCase(grpc::CallbackServerContext*, const pb::CloseCaseRequest*, pb::Case*) override;
  grpc::ServerUnaryReactor* DecideRemedy(grpc::CallbackServerContext*, const pb::DecideRemedyRequest*,
                                         pb::Case*) override;
  grpc::ServerUnaryReactor* AddPriorPunishment(grpc::CallbackServerContext*, const pb::AddPriorPunishmentRequest*,
                                               pb::Case*) override;
  grpc::ServerUnaryReactor* ConfirmCaseAction(grpc::CallbackServerContext*, const pb::ConfirmCaseActionRequest*,
                                              pb::Case*) override;
  grpc::ServerUnaryReactor* ReleaseFromDuty(grpc::CallbackServerContext*, const pb::ReleaseFromDutyRequest*,
                                            pb::Case*) override;
  grpc::ServerUnaryReactor* RecordEmployeeEvent(grpc::CallbackServerContext*, const pb::RecordEmployeeEventRequest*,
                                                pb::Case*) override;
  grpc::ServerUnaryReactor* GetSiasnRecord(grpc::CallbackServerContext*, const pb::GetSiasnRecordRequest*,
                                           pb::SiasnRecord*) override;
  grpc::ServerUnaryReactor* GetDisciplineStatus(grpc::CallbackServerContext*, const pb::GetDisciplineStatusRequest*,
                                                pb::DisciplineStatus*) override;

 private:
  app::CaseUseCases& cases_;
  Executor& executor_;
  const Authenticator& auth_;
};

class AuditServiceImpl final : public pb::AuditService::CallbackService {
 public:
  AuditServiceImpl(app::CaseUseCases& cases, Executor& executor, const Authenticator& auth)
      : cases_(cases), executor_(executor), auth_(auth) {}

  grpc::ServerUnaryReactor* GetCaseHistory(grpc::CallbackServerContext*, const pb::GetCaseHistoryRequest*,
                                           pb::GetCaseHistoryResponse*) override;
  grpc::ServerUnaryReactor* VerifyCaseHistory(grpc::CallbackServerContext*, const pb::VerifyCaseHistoryRequest*,
                                              pb::VerifyCaseHistoryResponse*) override;
  grpc::ServerWriteReactor<pb::AuditEvent>* ExportCaseHistory(grpc::CallbackServerContext*,
                                                              const pb::ExportCaseHistoryRequest*) override;

 private:
  app::CaseUseCases& cases_;
  Executor& executor_;
  const Authenticator& auth_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_CASE_SERVICE_H_
