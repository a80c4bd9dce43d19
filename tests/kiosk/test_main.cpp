// GoogleTest main for the kiosk tests: a QGuiApplication on the offscreen platform, so that
// timers, fonts and painting work without a display, with the on-screen keyboard's input method
// as the kiosk has it.

#include <gtest/gtest.h>

#include <QtGui/QGuiApplication>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
  QGuiApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
