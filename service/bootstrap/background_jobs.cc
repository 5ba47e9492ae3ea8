#include "service/bootstrap/background_jobs.h"

#include <unistd.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "glog/logging.h"

namespace discipline::bootstrap {
namespace {
// SIASN records posted per pass (the lease outlasts a pass of timeouts).
constexpr int kSiasnBatch = 20;
// Notifications sent per pass.
constexpr int kNotifyBatch = 50;
}  // namespace

std::string BackgroundJobs::InstanceName(const ServerOptions& options) {
  if (!options.instance_name.empty()) return options.instance_name;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return absl::StrCat(host, ":", getpid());
}

BackgroundJobs::BackgroundJobs(const ServerOptions& options, Application& application,
                               std::function<void(bool)> set_serving)
    : options_(options), a_(application), set_serving_(std::move(set_serving)) {}

BackgroundJobs::~BackgroundJobs() { Stop(); }

void BackgroundJobs::UnderLease(std::string name, absl::Duration every, absl::Duration ttl,
                                std::function<void()> work) {
  threads_.emplace_back([this, name = std::move(name), every, ttl, work = std::move(work)] {
    const std::string holder = InstanceName(options_);
    do {
      auto held = a_.store->Acquire(name, holder, ttl);
      if (!held.ok()) {
        LOG(WARNING) << name << ": lease: " << held.status();
      } else if (*held) {
        work();
      }
    } while (!stopping_.WaitForNotificationWithTimeout(every));
  });
}

// Every replica may run a backfill; each row is done once. Logs "<label>:
// <verb> for N cases <which>". A failed page is tried again a minute later.
void BackgroundJobs::Backfill(
    std::string label, std::string verb, std::string which,
    std::function<absl::StatusOr<mariadb::BackfillRun>(const std::string& after, int limit)> page_of) {
  threads_.emplace_back(
      [this, label = std::move(label), verb = std::move(verb), which = std::move(which), page_of = std::move(page_of)] {
        int updated = 0, failed = 0;
        std::string after, last_error;
        while (!stopping_.HasBeenNotified()) {
          auto page = page_of(after, 500);
          if (!page.ok()) {
            LOG(WARNING) << label << ": " << page.status() << "; trying again in a minute";
            if (stopping_.WaitForNotificationWithTimeout(absl::Minutes(1))) break;
            continue;
          }
          updated += page->updated;
          failed += page->failed;
          if (!page->last_error.empty()) last_error = page->last_error;
          if (page->read == 0) break;
          after = page->last_case_id;
        }
        if (updated > 0 || failed > 0) {
          LOG(INFO) << label << ": " << verb << " for " << updated << " cases " << which
                    << (failed > 0 ? absl::StrCat("; ", failed, " could not be read (last: ", last_error, ")") : "");
        }
      });
}

// Health follows the case database: NOT_SERVING while it does not answer,
// so a load balancer or supervisor sends no writes that would all fail.
void BackgroundJobs::Health() {
  threads_.emplace_back([this] {
    bool serving = true;
    const absl::Duration every = absl::Seconds(std::max(1, options_.health_check_seconds));
    while (!stopping_.WaitForNotificationWithTimeout(every)) {
      const absl::Status ping = a_.store->Ping();
      if (ping.ok() != serving) {
        serving = ping.ok();
        if (serving) {
          LOG(INFO) << "database: answering again; health SERVING";
        } else {
          LOG(WARNING) << "database: " << ping << "; health NOT_SERVING until it answers";
        }
      }
      set_serving_(serving);
      database_up_.store(serving);
    }
  });
}

// One piece: the list of the jobs, each a few lines of logging around one
// use-case call.
void BackgroundJobs::Start() {
  if (started_ || a_.store == nullptr) return;
  started_ = true;
  Health();
  if (a_.cases != nullptr && options_.escalation_interval_seconds > 0) {
    const absl::Duration every = absl::Seconds(options_.escalation_interval_seconds);
    UnderLease("follow_up_escalation", every, 3 * every, [this] {
      auto run = a_.cases->EscalateFollowUps();
      if (!run.ok()) {
        LOG(WARNING) << "escalation: " << run.status();
      } else if (run->steps > 0 || run->failed > 0) {
        LOG(INFO) << "escalation: " << run->steps << " follow-up steps stored, " << run->failed
                  << " cases left for the next run" << (run->failed > 0 ? " (last: " + run->last_error + ")" : "");
      }
    });
  }
  // Migration 0010: the report columns of the cases written before 0008;
  // migration 0013: the violation claims of the cases filed before it (one
  // violation, one punishment).
  Backfill("report columns", "filled", "written before migration 0008",
           [this](const std::string& after, int limit) { return a_.store->BackfillReportColumns(after, limit); });
  Backfill("violation claims", "claimed", "filed before migration 0013",
           [this](const std::string& after, int limit) { return a_.store->BackfillViolationClaims(after, limit); });
  if (a_.siasn_sender != nullptr) {
    UnderLease("siasn_sender", a_.siasn_every, a_.siasn_ttl, [this] {
      auto run = a_.siasn_sender->RunOnce(kSiasnBatch);
      if (!run.ok()) {
        LOG(WARNING) << "siasn: outbox: " << run.status();
      } else if (run->delivered + run->retried + run->refused > 0) {
        LOG(INFO) << "siasn: " << run->delivered << " records delivered, " << run->retried << " to retry, "
                  << run->refused << " refused" << (run->last_error.empty() ? "" : " (last: " + run->last_error + ")");
      }
    });
  }
  if (a_.dispatcher != nullptr) {
    const absl::Duration every = absl::Seconds(std::max(1, options_.notify_interval_seconds));
    // Outlasts a pass of SMTP timeouts (50 notifications, 30 s each).
    UnderLease("notify", every, every + absl::Minutes(30), [this] {
      auto run = a_.dispatcher->RunOnce(kNotifyBatch);
      if (!run.ok()) {
        LOG(WARNING) << "notify: outbox: " << run.status();
      } else if (run->sent + run->retried + run->refused > 0) {
        LOG(INFO) << "notify: " << run->sent << " sent, " << run->retried << " to retry, " << run->refused << " refused"
                  << (run->last_error.empty() ? "" : " (last: " + run->last_error + ")");
      }
    });
  }
  if (a_.scheduled != nullptr && options_.reminder_interval_seconds > 0) {
    const absl::Duration every = absl::Seconds(options_.reminder_interval_seconds);
    UnderLease("notify_schedule", every, 3 * every, [this] {
      for (auto [what, run] : {std::pair{"deadline reminders", a_.scheduled->RemindDeadlines()},
                               std::pair{"ppk digests", a_.scheduled->SendPpkDigests()}}) {
        if (!run.ok()) {
          LOG(WARNING) << "notify: " << what << ": " << run.status();
        } else if (run->enqueued > 0 || run->no_address > 0) {
          LOG(INFO) << "notify: " << what << ": " << run->enqueued << " enqueued, " << run->already
                    << " enqueued before, " << run->no_address << " without an e-mail address"
                    << (run->last_error.empty() ? "" : " (last: " + run->last_error + ")");
        }
      }
    });
  }
}

void BackgroundJobs::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace discipline::bootstrap
