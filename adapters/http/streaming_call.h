#ifndef DISCIPLINE_ADAPTERS_HTTP_STREAMING_CALL_H_
#define DISCIPLINE_ADAPTERS_HTTP_STREAMING_CALL_H_

// A server-streaming RPC called by its path over the generic stub, read one
// message at a time on a completion queue of its own, so that the gateway
// can send each message as it comes (a chunked download). One operation is
// outstanding at a time; each has its tag (StreamingCall::Tag).

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>

#include <memory>
#include <string>

namespace discipline::http {

class StreamingCall {
 public:
  // The completion-queue tag of each operation of the call.
  enum class Tag : intptr_t {
    kStart = 1,     // StartCall
    kWriteRequest,  // WriteLast of the one request
    kRead,          // Read of the next message
    kFinish,        // Finish, for the call's status
  };

  // Starts `grpc_path` with `request` (serialized) as its one request.
  // Whether it started shows at the first Read.
  StreamingCall(grpc::GenericStub& stub, std::unique_ptr<grpc::ClientContext> context, const std::string& grpc_path,
                const std::string& request);
  // Cancels a call not yet finished, and drains the queue.
  ~StreamingCall();
  StreamingCall(const StreamingCall&) = delete;
  StreamingCall& operator=(const StreamingCall&) = delete;

  // The next message's bytes; false at the end of the stream or on an
  // error (then Finish tells which).
  bool Read(std::string* bytes);
  // The call's status, once Read returned false.
  grpc::Status Finish();

 private:
  // Waits for the operation of `tag`; false when it failed.
  bool Await(Tag tag);

  std::unique_ptr<grpc::ClientContext> context_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_STREAMING_CALL_H_
