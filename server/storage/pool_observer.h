#pragma once

#include <string_view>

namespace frontdesk::storage {

// Receives connection-pool events so that the storage layer can report them without depending
// on a metrics library. Implementations must be thread-safe: the pool calls them from every
// thread that leases a connection.
class PoolObserver {
 public:
  virtual ~PoolObserver() = default;

  // Called after a connection has been leased; `wait_seconds` is how long the caller waited
  // for it (0 when one was idle).
  virtual void OnLeaseAcquired(double wait_seconds) = 0;

  // Called after a leased connection has been returned to the pool.
  virtual void OnLeaseReleased() = 0;

  // Called whenever the number of connections the pool owns (leased or idle) changes.
  virtual void OnPoolSize(int size) = 0;

  // Called once per database error; `kind` is one of "connection", "deadlock", "lock_timeout",
  // "duplicate" or "other".
  virtual void OnDatabaseError(std::string_view kind) = 0;
};

}  // namespace frontdesk::storage
