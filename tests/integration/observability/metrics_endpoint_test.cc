#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "observability/metrics.h"
#include "observability/metrics_exposer.h"

namespace frontdesk::observability {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kPromtool[] = "/usr/bin/promtool";

struct HttpResponse {
  std::string status_line;
  std::string body;
};

// A socket that closes itself.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Sends "GET <path>" over HTTP/1.0, so that the server closes the connection after the body.
// Every receive gives up after five seconds.
HttpResponse HttpGet(int port, const std::string& path) {
  Socket socket;
  const sockaddr_in address = Loopback(port);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ADD_FAILURE() << "connect to port " << port << " failed";
    return {};
  }
  const timeval timeout{5, 0};
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));

  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  if (::send(socket.fd(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    ADD_FAILURE() << "sending the request failed";
    return {};
  }
  std::string raw;
  char buffer[8192];
  ssize_t received = 0;
  while ((received = ::recv(socket.fd(), buffer, sizeof(buffer), 0)) > 0) {
    raw.append(buffer, static_cast<std::size_t>(received));
  }

  const std::size_t header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos) {
    ADD_FAILURE() << "no complete HTTP header in: " << raw;
    return {};
  }
  return {raw.substr(0, raw.find("\r\n")), raw.substr(header_end + 4)};
}

// Pipes `exposition` into `promtool check metrics`; returns its exit status, or -1.
int PromtoolCheckMetrics(const std::string& exposition) {
  // promtool may exit before reading everything; that must not kill the test with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  FILE* promtool = ::popen((std::string(kPromtool) + " check metrics 2>&1").c_str(), "w");
  if (promtool == nullptr) return -1;
  std::fwrite(exposition.data(), 1, exposition.size(), promtool);
  const int status = ::pclose(promtool);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Creating and destroying an exposer costs about two seconds, so the one successful start is
// shared by the tests that need it.
class MetricsEndpointTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Metrics>> metrics = Metrics::Create("0.0.0-test");
    ASSERT_TRUE(metrics.ok()) << metrics.status();
    metrics_ = std::move(metrics).value().release();
    ASSERT_TRUE(
        metrics_->RegisterGrpcMethod("/frontdesk.v1.InteractionService/GetInteraction").ok());
    metrics_->ForGrpcMethod("/frontdesk.v1.InteractionService/GetInteraction")
        .RecordHandled(absl::StatusCode::kNotFound, 0.003);

    absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
        MetricsEndpoint::Start("127.0.0.1:0", metrics_->registry());
    ASSERT_TRUE(endpoint.ok()) << endpoint.status();
    endpoint_ = std::move(endpoint).value().release();
  }

  static void TearDownTestSuite() {
    delete endpoint_;
    endpoint_ = nullptr;
    delete metrics_;
    metrics_ = nullptr;
  }

  static Metrics* metrics_;
  static MetricsEndpoint* endpoint_;
};

Metrics* MetricsEndpointTest::metrics_ = nullptr;
MetricsEndpoint* MetricsEndpointTest::endpoint_ = nullptr;

TEST_F(MetricsEndpointTest, BindsAnEphemeralPortForPortZero) {
  ASSERT_NE(endpoint_, nullptr);

  EXPECT_GT(endpoint_->port(), 0);
  EXPECT_EQ(endpoint_->address(), "127.0.0.1:0");
}

TEST_F(MetricsEndpointTest, ServesRegistryAndProcessMetrics) {
  ASSERT_NE(endpoint_, nullptr);

  const HttpResponse response = HttpGet(endpoint_->port(), "/metrics");

  EXPECT_THAT(response.status_line, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(response.body, HasSubstr("frontdesk_build_info{version=\"0.0.0-test\"} 1"));
  EXPECT_THAT(response.body, HasSubstr("grpc_code=\"NOT_FOUND\""));
  EXPECT_THAT(response.body, HasSubstr("process_resident_memory_bytes "));
}

TEST_F(MetricsEndpointTest, ServesOutputThatPromtoolAccepts) {
  ASSERT_NE(endpoint_, nullptr);
  if (::access(kPromtool, X_OK) != 0) {
    GTEST_SKIP() << kPromtool << " is missing; install the Debian package prometheus";
  }

  const HttpResponse response = HttpGet(endpoint_->port(), "/metrics");
  ASSERT_FALSE(response.body.empty());

  EXPECT_EQ(PromtoolCheckMetrics(response.body), 0) << response.body;
}

TEST(MetricsEndpointStartTest, ReportsAddressInUse) {
  Socket occupant;
  sockaddr_in address = Loopback(0);
  ASSERT_EQ(::bind(occupant.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(occupant.fd(), 1), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::getsockname(occupant.fd(), reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string taken = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  const absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start(taken, std::make_shared<prometheus::Registry>());

  ASSERT_FALSE(endpoint.ok());
  EXPECT_EQ(endpoint.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(endpoint.status().message(), "metrics address " + taken + ": address already in use");
}

TEST(MetricsEndpointStartTest, RejectsMalformedAddresses) {
  for (const char* address :
       {"", "9464", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:94a4",
        "metrics.example.com:9464", "::1:9464", "[::1:9464", "[nonsense]:9464"}) {
    const absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
        MetricsEndpoint::Start(address, std::make_shared<prometheus::Registry>());

    ASSERT_FALSE(endpoint.ok()) << address;
    EXPECT_EQ(endpoint.status().code(), absl::StatusCode::kInvalidArgument) << address;
    EXPECT_THAT(std::string(endpoint.status().message()),
                StartsWith("metrics address " + std::string(address) + ": "));
  }
}

}  // namespace
}  // namespace frontdesk::observability
