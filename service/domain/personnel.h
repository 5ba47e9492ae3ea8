#ifndef DISCIPLINE_SERVICE_DOMAIN_PERSONNEL_H_
#define DISCIPLINE_SERVICE_DOMAIN_PERSONNEL_H_

// Personnel values: the employee as a case snapshots it, the agency, and the
// official resolved for an AuthorityRole.

#include <string>

#include "service/domain/law_types.h"

namespace discipline::domain {

enum class EmployeeType { kUnspecified = 0, kPns = 1, kCpns = 2, kPppk = 3 };

struct EmployeeSnapshot {
  std::string nip;
  std::string name;
  EmployeeType employee_type = EmployeeType::kUnspecified;
  std::string rank;
  PositionKind position_kind = PositionKind::kUnspecified;
  std::string position_title;
  std::string unit_code;
  std::string unit_name;
  std::string agency_code;
  Environment environment = Environment::kUnspecified;
  std::string superior_nip;  // empty at the top of an agency
  // The employee is the agency's PPK (a JPT madya heading an agency):
  // punished by the President (PP 94/2021, reference §1.2).
  bool is_ppk = false;
  // SIASN's person id (pnsOrangId), when the SIMPEG mapping has it.
  std::string siasn_id;
  // Where notifications reach the employee (from the personnel source; not
  // part of the case's snapshot).
  std::string email;
  std::string phone;
};

struct Agency {
  std::string code;
  std::string name;
  Environment environment = Environment::kUnspecified;
  std::string ppk_title;  // a political office, e.g. "Wali Kota Contoh"
  std::string ppk_name;
  std::string time_zone;  // e.g. "Asia/Pontianak"
  // Where the PPK is itself a civil servant of the agency (a JPT madya), its
  // NIP; empty for a political PPK.
  std::string ppk_nip;
};

struct Official {
  AuthorityRole role = AuthorityRole::kUnspecified;
  std::string nip;  // empty for the President and political PPKs
  std::string name;
  std::string title;
};

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_PERSONNEL_H_
