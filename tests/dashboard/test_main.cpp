// GoogleTest main for the dashboard tests: a QGuiApplication on the offscreen platform, so that
// timers, queued callbacks and models work without a display.

#include <gtest/gtest.h>

#include <QtGui/QGuiApplication>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
