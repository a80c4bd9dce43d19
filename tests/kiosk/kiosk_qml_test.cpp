// Qt Quick Test runner for tst_*.qml beside this file, with the Lanyard.Kiosk module linked in.

#include <QtQuickTest/quicktest.h>

QUICK_TEST_MAIN(kiosk_qml)
