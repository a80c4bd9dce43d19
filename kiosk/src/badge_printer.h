#pragma once

// The kiosk's seam to the badge printer, and the two real printers: PDF files in a folder (the
// demo default) and a named CUPS queue.

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QThreadPool>
#include <chrono>
#include <functional>

#include "badge.h"
#include "badge_template.h"
#include "check_in_client.h"

namespace lanyard::kiosk {

// How one print went.
struct PrintResult {
  bool ok = false;
  QString error;   // Why it failed, English, recorded on the server; empty on success.
  QString output;  // Where it went: the PDF file or the queue name.
};

using ::lanyard::client::PrinterState;

class BadgePrinter;

// What CUPS says about a queue, as a PrinterState. `found` is whether the queue exists; the
// others are its printer-state ("3" idle, "4" printing, "5" stopped), printer-state-reasons
// (comma-separated), printer-is-accepting-jobs and printer-state-message attributes.
PrinterState cupsPrinterState(const QString& queue, bool found, const QString& state, const QString& reasons,
                              const QString& accepting, const QString& message);

// Records `result` of printing `delegateId`'s badge on `printer` on the server, whatever the screen
// shows next (the print log is the server's), and logs a failed print or a failed recording.
void recordPrint(client::CheckInClient& client, const BadgePrinter& printer, qint64 delegateId,
                 const PrintResult& result, QObject* context);

// Prints badges without blocking the caller.
class BadgePrinter {
 public:
  virtual ~BadgePrinter() = default;

  // The printer's name as recorded on the server ("pdf:/var/badges" or the CUPS queue name).
  virtual QString name() const = 0;

  // Starts printing `badge` and returns at once. `done` runs exactly once on `context`'s thread
  // (dropped if `context` is gone): with the result, or with a timeout failure if the print has not
  // finished within the printer's timeout.
  virtual void print(const BadgeData& badge, QObject* context, std::function<void(const PrintResult&)> done) = 0;

  // Asks how the printer is and returns at once; `done` runs once on `context`'s thread.
  virtual void checkState(QObject* context, std::function<void(const PrinterState&)> done) = 0;
};

// Runs each print on its own single worker thread, one at a time, with a timeout.
class ThreadedBadgePrinter : public QObject, public BadgePrinter {
  Q_OBJECT

 public:
  // Prints `size` badges laid out by `badgeTemplate`, which must have a layout for `size`.
  ThreadedBadgePrinter(BadgeSize size, BadgeTemplate badgeTemplate, std::chrono::milliseconds timeout,
                       QObject* parent = nullptr);
  // Waits for a print in progress to finish.
  ~ThreadedBadgePrinter() override;

  void print(const BadgeData& badge, QObject* context, std::function<void(const PrintResult&)> done) final;
  void checkState(QObject* context, std::function<void(const PrinterState&)> done) final;

 protected:
  // Asks synchronously, off the GUI thread and beside a print in progress; the same rules as
  // printNow() apply.
  virtual PrinterState stateNow() const = 0;
  // Prints synchronously; runs on the worker thread, so it may only use its arguments and
  // members that never change after construction.
  virtual PrintResult printNow(const BadgeData& badge, BadgeSize size) const = 0;
  // The template badges are laid out by; never changes, so printNow() may read it.
  const BadgeTemplate& badgeTemplate() const { return m_template; }
  // Blocks until no print or state check is running; every subclass's destructor calls it first, so that
  // printNow() never runs on a half-destroyed object.
  void waitForPrints() {
    m_pool.waitForDone();
    m_statePool.waitForDone();
  }

 private:
  BadgeSize m_size;
  const BadgeTemplate m_template;
  std::chrono::milliseconds m_timeout;
  QThreadPool m_pool;
  QThreadPool m_statePool;  // Its own thread: a long print must not hold up a state check.
};

// Writes one PDF per badge into a folder.
class PdfBadgePrinter final : public ThreadedBadgePrinter {
  Q_OBJECT

 public:
  PdfBadgePrinter(const QString& folder, BadgeSize size, BadgeTemplate badgeTemplate = BadgeTemplate::defaultTemplate(),
                  std::chrono::milliseconds timeout = std::chrono::seconds(15), QObject* parent = nullptr);
  ~PdfBadgePrinter() override;

  QString name() const override;

 protected:
  PrintResult printNow(const BadgeData& badge, BadgeSize size) const override;
  PrinterState stateNow() const override;

 private:
  QString m_folder;
};

// Prints to a named CUPS queue through QPrinter.
class CupsBadgePrinter final : public ThreadedBadgePrinter {
  Q_OBJECT

 public:
  CupsBadgePrinter(const QString& queue, BadgeSize size, BadgeTemplate badgeTemplate = BadgeTemplate::defaultTemplate(),
                   std::chrono::milliseconds timeout = std::chrono::seconds(15), QObject* parent = nullptr);
  ~CupsBadgePrinter() override;

  QString name() const override { return m_queue; }

 protected:
  PrintResult printNow(const BadgeData& badge, BadgeSize size) const override;
  PrinterState stateNow() const override;

 private:
  QString m_queue;
};

}  // namespace lanyard::kiosk
