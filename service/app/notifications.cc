// The notifications a change makes due: the summons to the employee.

#include "service/domain/notifications.h"

#include "absl/strings/str_cat.h"
#include "service/app/case_use_cases.h"

namespace discipline::app {

void CaseUseCases::AddNotifications(domain::Action action, const domain::Case& next, ports::AuditEntry* entry) {
  if (action != domain::Action::kIssueSummons || next.summonses.empty() || (!d_.notify_email && !d_.notify_whatsapp))
    return;
  // PP 94/2021 Pasal 26 ayat (1): the employee is summoned in writing; the
  // e-mail and WhatsApp messages tell him of the written summons.
  const domain::Summons& summons = next.summonses.back();
  absl::StatusOr<domain::EmployeeSnapshot> employee = d_.personnel.GetEmployee(next.employee.nip);
  if (!employee.ok()) return;
  domain::Agency agency;
  if (absl::StatusOr<domain::Agency> a = d_.personnel.GetAgency(next.agency_code); a.ok()) agency = *a;
  if (agency.name.empty()) agency.name = next.agency_code;
  if (agency.time_zone.empty()) agency.time_zone = next.agency_time_zone;
  const domain::NotificationText text = domain::SummonsNotification(next, summons, agency, "", "");
  const std::string key = absl::StrCat(next.case_id, ":", next.version, ":summons", summons.sequence);
  auto add = [&](ports::NotifyChannel channel, const std::string& recipient, const char* suffix) {
    ports::Notification n;
    n.key = absl::StrCat(key, suffix);
    n.case_id = next.case_id;
    n.kind = "summons";
    n.channel = channel;
    n.recipient = recipient;
    n.subject = text.subject;
    n.body = text.body;
    entry->notifications.push_back(std::move(n));
  };
  if (d_.notify_email && !employee->email.empty()) add(ports::NotifyChannel::kEmail, employee->email, ":email");
  if (d_.notify_whatsapp && !employee->phone.empty()) add(ports::NotifyChannel::kWhatsapp, employee->phone, ":wa");
}

}  // namespace discipline::app
