#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace frontdesk::observability {

// Serves metrics in the Prometheus text format at http://<address>/metrics until destroyed.
class MetricsEndpoint {
 public:
  // Starts listening on `address`, "host:port" with a numeric IPv4 host, a bracketed IPv6 host
  // ("[::1]:9464") or "localhost"; port 0 picks a free port (see port()). Each scrape collects
  // every collectable; the endpoint keeps them alive. Returns INVALID_ARGUMENT for a malformed
  // address and UNAVAILABLE when it cannot listen, e.g.
  // "metrics address 0.0.0.0:9464: address already in use". Never throws.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      std::string address, std::vector<std::shared_ptr<prometheus::Collectable>> collectables);

  // Same, serving one registry.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      std::string address, std::shared_ptr<prometheus::Registry> registry);

  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // Stops serving; the embedded HTTP server takes about two seconds to shut down.
  ~MetricsEndpoint() = default;

  // The address as given to Start().
  const std::string& address() const { return address_; }

  // The port actually bound, useful after asking for port 0.
  int port() const { return port_; }

 private:
  MetricsEndpoint(std::string address,
                  std::vector<std::shared_ptr<prometheus::Collectable>> collectables,
                  std::unique_ptr<prometheus::Exposer> exposer, int port);

  std::string address_;
  // Declared before exposer_ so that they outlive it: the exposer holds only weak pointers.
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_;
};

}  // namespace frontdesk::observability
