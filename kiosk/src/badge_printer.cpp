#include "badge_printer.h"

#include <cups/cups.h>

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QFutureWatcher>
#include <QtCore/QPointer>
#include <QtCore/QSaveFile>
#include <QtCore/QTimer>
#include <QtGui/QPdfWriter>
#include <QtPrintSupport/QPrinter>
#include <memory>
#include <utility>

#include "badge_renderer.h"

namespace lanyard::kiosk {

ThreadedBadgePrinter::ThreadedBadgePrinter(BadgeSize size, BadgeTemplate badgeTemplate,
                                           std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent), m_size(size), m_template(std::move(badgeTemplate)), m_timeout(timeout) {
  m_pool.setMaxThreadCount(1);
  m_statePool.setMaxThreadCount(1);
}

ThreadedBadgePrinter::~ThreadedBadgePrinter() { waitForPrints(); }

void ThreadedBadgePrinter::print(const BadgeData& badge, QObject* context,
                                 std::function<void(const PrintResult&)> done) {
  // Whichever of the result and the timeout comes first calls `done`; the other is ignored.
  auto finish = std::make_shared<std::function<void(const PrintResult&)>>(
      [guard = QPointer<QObject>(context), done = std::move(done)](const PrintResult& result) {
        if (guard) done(result);
      });
  auto* watcher = new QFutureWatcher<PrintResult>(this);
  auto* timer = new QTimer(watcher);
  timer->setSingleShot(true);
  connect(watcher, &QFutureWatcher<PrintResult>::finished, watcher, [watcher, finish] {
    if (*finish) {
      auto call = std::exchange(*finish, nullptr);
      call(watcher->result());
    }
    watcher->deleteLater();
  });
  connect(timer, &QTimer::timeout, this, [finish, name = name(), ms = m_timeout.count()] {
    if (*finish) {
      auto call = std::exchange(*finish, nullptr);
      call({false, QStringLiteral("print did not finish within %1 s").arg(ms / 1000), name});
    }
  });
  const BadgeSize size = m_size;
  watcher->setFuture(QtConcurrent::run(&m_pool, [this, badge, size] { return printNow(badge, size); }));
  timer->start(m_timeout);
}

void ThreadedBadgePrinter::checkState(QObject* context, std::function<void(const PrinterState&)> done) {
  auto* watcher = new QFutureWatcher<PrinterState>(this);
  connect(watcher, &QFutureWatcher<PrinterState>::finished, watcher,
          [watcher, guard = QPointer<QObject>(context), done = std::move(done)] {
            if (guard) done(watcher->result());
            watcher->deleteLater();
          });
  watcher->setFuture(QtConcurrent::run(&m_statePool, [this] { return stateNow(); }));
}

PrinterState cupsPrinterState(const QString& queue, bool found, const QString& state, const QString& reasons,
                              const QString& accepting, const QString& message) {
  using Status = PrinterState::Status;
  if (!found) return {Status::Offline, QStringLiteral("no CUPS queue %1").arg(queue)};
  QStringList problems;
  for (const QString& reason : reasons.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString trimmed = reason.trimmed();
    // "-report" and "-warning" reasons are advisory; "none" means none.
    if (trimmed != QLatin1String("none") && !trimmed.endsWith(QLatin1String("-report")) &&
        !trimmed.endsWith(QLatin1String("-warning"))) {
      problems.append(trimmed);
    }
  }
  QString detail = problems.join(QLatin1Char(','));
  if (!message.isEmpty()) detail += (detail.isEmpty() ? QString() : QStringLiteral(": ")) + message;
  const auto has = [&problems](const char* prefix) {
    return std::any_of(problems.begin(), problems.end(),
                       [prefix](const QString& reason) { return reason.startsWith(QLatin1String(prefix)); });
  };
  if (has("media-empty") || has("media-needed") || has("marker-supply-empty")) return {Status::PaperOut, detail};
  if (has("offline") || has("connecting-to-device") || has("shutdown") || state == QLatin1String("5") ||
      accepting == QLatin1String("false")) {
    return {Status::Offline, detail.isEmpty() ? QStringLiteral("queue %1 is stopped").arg(queue) : detail};
  }
  if (!problems.isEmpty()) return {Status::Error, detail};
  return {Status::Ok, QString()};
}

PdfBadgePrinter::PdfBadgePrinter(const QString& folder, BadgeSize size, BadgeTemplate badgeTemplate,
                                 std::chrono::milliseconds timeout, QObject* parent)
    : ThreadedBadgePrinter(size, std::move(badgeTemplate), timeout, parent), m_folder(QDir(folder).absolutePath()) {}

PdfBadgePrinter::~PdfBadgePrinter() { waitForPrints(); }

QString PdfBadgePrinter::name() const { return QStringLiteral("pdf:") + m_folder; }

PrintResult PdfBadgePrinter::printNow(const BadgeData& badge, BadgeSize size) const {
  PrintResult result;
  if (!QDir().mkpath(m_folder)) {
    result.error = QStringLiteral("cannot create %1").arg(m_folder);
    return result;
  }
  const QString file = QDir(m_folder).filePath(
      QStringLiteral("badge-%1-%2.pdf")
          .arg(badge.delegateId)
          .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
  result.output = file;
  // Whole or not at all: whatever watches the folder (a print system, a person) never sees half a
  // badge.
  QSaveFile output(file);
  if (!output.open(QIODevice::WriteOnly)) {
    result.error = QStringLiteral("cannot write %1: %2").arg(file, output.errorString());
    return result;
  }
  {
    QPdfWriter writer(&output);
    writer.setResolution(600);
    writer.setCreator(QStringLiteral("Lanyard kiosk"));
    writer.setTitle(badge.givenName + QLatin1Char(' ') + badge.familyName);
    if (!BadgeRenderer::render(writer, size, badge, badgeTemplate(), &result.error)) return result;
  }
  if (output.size() <= 0 || !output.commit()) {
    result.error = QStringLiteral("%1 was not written: %2").arg(file, output.errorString());
    return result;
  }
  result.ok = true;
  return result;
}

void recordPrint(client::CheckInClient& client, const BadgePrinter& printer, qint64 delegateId,
                 const PrintResult& result, QObject* context) {
  if (!result.ok) qWarning("badge print failed: %s", qUtf8Printable(result.error));
  const client::BadgePrintRecord record{delegateId, result.ok, result.error, printer.name(),
                                        QDateTime::currentMSecsSinceEpoch() * 1000};
  client.recordBadgePrint(record, context, [](const client::Reply<bool>& reply) {
    if (!reply.ok()) {
      qWarning("recording the badge print failed: %s", qUtf8Printable(reply.error->message));
    }
  });
}

PrinterState PdfBadgePrinter::stateNow() const {
  if (QDir().mkpath(m_folder) && QFileInfo(m_folder).isWritable()) return {};
  return {PrinterState::Status::Error, QStringLiteral("cannot write to %1").arg(m_folder)};
}

CupsBadgePrinter::CupsBadgePrinter(const QString& queue, BadgeSize size, BadgeTemplate badgeTemplate,
                                   std::chrono::milliseconds timeout, QObject* parent)
    : ThreadedBadgePrinter(size, std::move(badgeTemplate), timeout, parent), m_queue(queue) {}

CupsBadgePrinter::~CupsBadgePrinter() { waitForPrints(); }

PrintResult CupsBadgePrinter::printNow(const BadgeData& badge, BadgeSize size) const {
  PrintResult result;
  result.output = m_queue;
  QPrinter printer(QPrinter::HighResolution);
  printer.setPrinterName(m_queue);
  if (!printer.isValid() || printer.printerName() != m_queue) {
    result.error = QStringLiteral("printer queue %1 not found").arg(m_queue);
    return result;
  }
  printer.setFullPage(true);
  printer.setDocName(QStringLiteral("Lanyard badge %1").arg(badge.delegateId));
  if (!BadgeRenderer::render(printer, size, badge, badgeTemplate(), &result.error)) return result;
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted) {
    result.error = QStringLiteral("printer %1 reported an error").arg(m_queue);
    return result;
  }
  result.ok = true;
  return result;
}

PrinterState CupsBadgePrinter::stateNow() const {
  const QByteArray queue = m_queue.toUtf8();
  cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue.constData(), nullptr);
  if (!dest) return cupsPrinterState(m_queue, false, {}, {}, {}, {});
  const auto option = [dest](const char* name) {
    return QString::fromUtf8(cupsGetOption(name, dest->num_options, dest->options));
  };
  PrinterState state = cupsPrinterState(m_queue, true, option("printer-state"), option("printer-state-reasons"),
                                        option("printer-is-accepting-jobs"), option("printer-state-message"));
  cupsFreeDests(1, dest);
  return state;
}

}  // namespace lanyard::kiosk
