#include "observability/metrics_exposer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <utility>

#include "absl/status/status.h"

namespace frontdesk::observability {
namespace {

struct ListenAddress {
  std::string civetweb_spec;  // The form civetweb's listening_ports option expects.
  sockaddr_storage socket_address{};
  socklen_t socket_address_length = 0;
};

absl::Status InvalidAddress(const std::string& address, const std::string& reason) {
  return absl::InvalidArgumentError("metrics address " + address + ": " + reason);
}

// Parses a decimal port; returns -1 unless it is 0..65535.
int ParsePort(const std::string& text) {
  if (text.empty() || text.size() > 5) return -1;
  int port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    port = port * 10 + (c - '0');
  }
  return port <= 65535 ? port : -1;
}

absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& address) {
  const bool bracketed = !address.empty() && address.front() == '[';
  const std::size_t colon = bracketed ? address.find("]:") + 1 : address.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidAddress(address, "expected host:port");
  }
  std::string host = bracketed ? address.substr(1, colon - 2) : address.substr(0, colon);
  const int port = ParsePort(address.substr(colon + 1));
  if (port < 0) return InvalidAddress(address, "port must be a number from 0 to 65535");

  // civetweb accepts only numeric hosts; "localhost" is common enough to translate here.
  if (host == "localhost") host = "127.0.0.1";
  ListenAddress parsed;
  if (bracketed) {
    auto* ipv6 = reinterpret_cast<sockaddr_in6*>(&parsed.socket_address);
    if (::inet_pton(AF_INET6, host.c_str(), &ipv6->sin6_addr) != 1) {
      return InvalidAddress(address, "host is not a numeric IPv6 address");
    }
    ipv6->sin6_family = AF_INET6;
    ipv6->sin6_port = htons(static_cast<uint16_t>(port));
    parsed.socket_address_length = sizeof(sockaddr_in6);
    parsed.civetweb_spec = "[" + host + "]:" + std::to_string(port);
    return parsed;
  }
  auto* ipv4 = reinterpret_cast<sockaddr_in*>(&parsed.socket_address);
  if (::inet_pton(AF_INET, host.c_str(), &ipv4->sin_addr) != 1) {
    return InvalidAddress(address, "host must be a numeric IPv4 address, [IPv6] or localhost");
  }
  ipv4->sin_family = AF_INET;
  ipv4->sin_port = htons(static_cast<uint16_t>(port));
  parsed.socket_address_length = sizeof(sockaddr_in);
  parsed.civetweb_spec = host + ":" + std::to_string(port);
  return parsed;
}

// civetweb reports a failed bind only as a generic exception, so bind the address once more to
// learn the errno. Returns 0 when this bind succeeds (the failure lay elsewhere).
int ProbeBindErrno(const ListenAddress& address) {
  const int fd = ::socket(address.socket_address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno;
  const int reuse = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
  const int result = ::bind(fd, reinterpret_cast<const sockaddr*>(&address.socket_address),
                            address.socket_address_length);
  const int bind_errno = result == 0 ? 0 : errno;
  ::close(fd);
  return bind_errno;
}

absl::Status ListenFailure(const std::string& address, const ListenAddress& parsed,
                           const std::string& fallback_reason) {
  const int bind_errno = ProbeBindErrno(parsed);
  std::string reason = bind_errno != 0 ? std::strerror(bind_errno) : fallback_reason;
  if (!reason.empty() && reason.front() >= 'A' && reason.front() <= 'Z') {
    reason.front() = static_cast<char>(reason.front() - 'A' + 'a');
  }
  return absl::UnavailableError("metrics address " + address + ": " + reason);
}

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    std::string address, std::vector<std::shared_ptr<prometheus::Collectable>> collectables) {
  absl::StatusOr<ListenAddress> parsed = ParseListenAddress(address);
  if (!parsed.ok()) return parsed.status();

  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(parsed->civetweb_spec);
  } catch (const std::exception& e) {
    return ListenFailure(address, *parsed, e.what());
  }
  for (const std::shared_ptr<prometheus::Collectable>& collectable : collectables) {
    exposer->RegisterCollectable(collectable);
  }

  const std::vector<int> ports = exposer->GetListeningPorts();
  if (ports.empty()) return ListenFailure(address, *parsed, "no listening port");
  const int port = ports.front();
  return std::unique_ptr<MetricsEndpoint>(
      new MetricsEndpoint(std::move(address), std::move(collectables), std::move(exposer), port));
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    std::string address, std::shared_ptr<prometheus::Registry> registry) {
  return Start(std::move(address),
               std::vector<std::shared_ptr<prometheus::Collectable>>{std::move(registry)});
}

MetricsEndpoint::MetricsEndpoint(std::string address,
                                 std::vector<std::shared_ptr<prometheus::Collectable>> collectables,
                                 std::unique_ptr<prometheus::Exposer> exposer, int port)
    : address_(std::move(address)),
      collectables_(std::move(collectables)),
      exposer_(std::move(exposer)),
      port_(port) {}

}  // namespace frontdesk::observability
