// Qt Quick Test runner for tst_*.qml beside this file, with the Lanyard.Dashboard module linked in.

#include <QtQuickTest/quicktest.h>

QUICK_TEST_MAIN(dashboard_qml)
