#include "badge_printer.h"

#include <QtConcurrent/QtConcurrent>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QFutureWatcher>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtGui/QPdfWriter>
#include <QtPrintSupport/QPrinter>
#include <memory>

#include "badge_renderer.h"

namespace lanyard::kiosk {

ThreadedBadgePrinter::ThreadedBadgePrinter(BadgeSize size, std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent), m_size(size), m_timeout(timeout) {
  m_pool.setMaxThreadCount(1);
}

ThreadedBadgePrinter::~ThreadedBadgePrinter() { m_pool.waitForDone(); }

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

PdfBadgePrinter::PdfBadgePrinter(const QString& folder, BadgeSize size, std::chrono::milliseconds timeout,
                                 QObject* parent)
    : ThreadedBadgePrinter(size, timeout, parent), m_folder(QDir(folder).absolutePath()) {}

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
  {
    QPdfWriter writer(file);
    writer.setResolution(600);
    writer.setCreator(QStringLiteral("Lanyard kiosk"));
    writer.setTitle(badge.givenName + QLatin1Char(' ') + badge.familyName);
    if (!BadgeRenderer::render(writer, size, badge, &result.error)) return result;
  }
  if (QFileInfo(file).size() <= 0) {
    result.error = QStringLiteral("%1 was not written").arg(file);
    return result;
  }
  result.ok = true;
  return result;
}

CupsBadgePrinter::CupsBadgePrinter(const QString& queue, BadgeSize size, std::chrono::milliseconds timeout,
                                   QObject* parent)
    : ThreadedBadgePrinter(size, timeout, parent), m_queue(queue) {}

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
  if (!BadgeRenderer::render(printer, size, badge, &result.error)) return result;
  if (printer.printerState() == QPrinter::Error || printer.printerState() == QPrinter::Aborted) {
    result.error = QStringLiteral("printer %1 reported an error").arg(m_queue);
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace lanyard::kiosk
