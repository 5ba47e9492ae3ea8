#include "adapters/http/streaming_call.h"

#include "glog/logging.h"
#include "service/grpc/generic_call.h"

namespace discipline::http {
namespace {

void* TagOf(StreamingCall::Tag tag) { return reinterpret_cast<void*>(static_cast<intptr_t>(tag)); }

}  // namespace

StreamingCall::StreamingCall(grpc::GenericStub& stub, std::unique_ptr<grpc::ClientContext> context,
                             const std::string& grpc_path, const std::string& request)
    : context_(std::move(context)) {
  call_ = stub.PrepareCall(context_.get(), grpc_path, &cq_);
  call_->StartCall(TagOf(Tag::kStart));
  started_ = Await(Tag::kStart);
  if (!started_) return;
  call_->WriteLast(grpc_api::ToBuffer(request), grpc::WriteOptions(), TagOf(Tag::kWriteRequest));
  started_ = Await(Tag::kWriteRequest);
}

bool StreamingCall::Await(Tag tag) {
  void* got = nullptr;
  bool ok = false;
  if (!cq_.Next(&got, &ok)) return false;
  // One operation is outstanding at a time: the queue answers that one.
  DCHECK_EQ(got, TagOf(tag));
  return ok;
}

bool StreamingCall::Read(std::string* bytes) {
  if (!started_ || finished_) return false;
  grpc::ByteBuffer buffer;
  call_->Read(&buffer, TagOf(Tag::kRead));
  if (!Await(Tag::kRead)) return false;
  *bytes = grpc_api::FromBuffer(buffer);
  return true;
}

grpc::Status StreamingCall::Finish() {
  grpc::Status status;
  call_->Finish(&status, TagOf(Tag::kFinish));
  Await(Tag::kFinish);
  finished_ = true;
  return status;
}

StreamingCall::~StreamingCall() {
  if (!finished_) {
    context_->TryCancel();
    grpc::Status ignored;
    call_->Finish(&ignored, TagOf(Tag::kFinish));
    // A cancelled read may still be answered before the finish.
    void* got = nullptr;
    bool ok = false;
    while (cq_.Next(&got, &ok) && got != TagOf(Tag::kFinish)) {
    }
  }
  cq_.Shutdown();
  void* got = nullptr;
  bool ok = false;
  while (cq_.Next(&got, &ok)) {
  }
}

}  // namespace discipline::http
