#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace lanyard::client {

// Where the server is and how to reach it.
struct ConnectionOptions {
  QString address;  // HOST:PORT
  QString token;    // The device's bearer token.
  // TLS when set: the server's certificate must chain to these PEM roots (empty: the system's).
  bool tls = false;
  QByteArray caCertificatesPem;
};

}  // namespace lanyard::client
