#pragma once

// Saves an attendee list or the scan log to a file: streams the export from the server into a
// temporary file beside the target, and renames it into place only when the server says the
// file is complete.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QObject>
#include <QtCore/QSaveFile>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <memory>

#include "attendance_client.h"

namespace lanyard::dashboard {

// One export at a time. GUI thread only; the client must outlive the controller.
class ExportController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("ExportController is created by main() and passed to Main.qml")

  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString message READ message NOTIFY messageChanged)
  Q_PROPERTY(bool failed READ failed NOTIFY messageChanged)
  Q_PROPERTY(QString savedPath READ savedPath NOTIFY messageChanged)

 public:
  enum class List { AllAttendees, CheckedIn, Absent, ScanLog };
  Q_ENUM(List)
  enum class Format { Csv, Xlsx };
  Q_ENUM(Format)

  // `folder` is where suggested paths point (the user's documents folder in the app).
  ExportController(client::AttendanceClient& client, QString folder, QObject* parent = nullptr);
  ~ExportController() override;

  // Starts an export to `path`, or, if `path` is an existing folder, to the server's suggested
  // file name in it. Session and category apply to attendee lists. `delimiter` is "," or ";".
  // Ignored while busy. The outcome arrives in `message` / `failed` / `savedPath`.
  Q_INVOKABLE void start(lanyard::dashboard::ExportController::List list, qint64 sessionId, const QString& category,
                         lanyard::dashboard::ExportController::Format format, const QString& delimiter,
                         bool byteOrderMark, const QString& path);
  // Stops a running export; the target file is left as it was.
  Q_INVOKABLE void cancel();
  // A file name in the folder for what would be exported, e.g. ".../attendees-checked-in.csv".
  Q_INVOKABLE QString suggestedPath(lanyard::dashboard::ExportController::List list,
                                    lanyard::dashboard::ExportController::Format format) const;

  // Between the path field and a file dialog: the file URL of `path`'s folder, and a chosen file's path.
  Q_INVOKABLE QUrl folderUrl(const QString& path) const;
  Q_INVOKABLE QString localPath(const QUrl& url) const { return url.toLocalFile(); }

  bool busy() const { return m_stream != nullptr; }
  QString message() const { return m_message; }
  bool failed() const { return m_failed; }
  QString savedPath() const { return m_savedPath; }

 signals:
  void busyChanged();
  void messageChanged();
  // The export ended: saved, failed or cancelled.
  void finished(bool ok);

 private:
  void onChunk(const client::ExportChunk& chunk);
  void onDone(const client::Reply<client::ExportResult>& reply);
  bool openFile(const QString& suggestedName);
  void finish(bool ok, const QString& message, const QString& savedPath = {});

  client::AttendanceClient& m_client;
  QString m_folder;
  std::unique_ptr<client::Stream> m_stream;
  std::unique_ptr<QSaveFile> m_file;
  QString m_target;  // The path asked for: a file or a folder.
  QString m_fallbackName;
  QString m_message;
  bool m_failed = false;
  QString m_savedPath;
};

}  // namespace lanyard::dashboard
