import QtQuick
import Lanyard.Kiosk

// Every outcome but success: what happened, in the delegate's language, and the way forward.
Rectangle {
    id: page

    required property KioskController controller
    readonly property string key: controller.messageKey

    function title() {
        switch (key) {
        case "already_checked_in": return qsTr("You are already checked in")
        case "scan_again": return qsTr("Please scan again")
        case "cancelled": return qsTr("This registration is cancelled")
        case "unknown_code": return qsTr("We do not know this code")
        case "forged_code": return qsTr("This code is not valid")
        case "superseded_code": return qsTr("This code has been replaced")
        case "printer_failed": return qsTr("Your badge could not be printed")
        case "proof_failed": return qsTr("We could not confirm it is you")
        case "not_registered": return qsTr("You are not registered for this session")
        case "session_full": return qsTr("This session is full")
        case "outside_time_window": return qsTr("This session is not open now")
        case "not_authorised": return qsTr("This kiosk is not allowed to check in")
        case "unreachable": return qsTr("The check-in server cannot be reached")
        default: return qsTr("Something went wrong")
        }
    }
    function detail() {
        switch (key) {
        case "already_checked_in":
            return page.controller.previousCheckIn !== ""
                ? qsTr("Checked in: %1. For a second badge, please go to the help desk.").arg(page.controller.previousCheckIn)
                : qsTr("For a second badge, please go to the help desk.")
        case "superseded_code": return qsTr("A newer badge was issued for you. Please scan the newest code or go to the help desk.")
        case "scan_again": return qsTr("Only part of the code was read. Hold it still under the scanner, a hand's width away.")
        case "printer_failed": return qsTr("You are checked in. Please go to the help desk for your badge.")
        case "unreachable": return qsTr("Please try again in a moment, or go to the help desk.")
        case "proof_failed": return qsTr("Please go to the help desk with an ID. We will print your badge there.")
        case "session_full": return qsTr("Please ask the staff at the door about other sessions.")
        default: return qsTr("Please go to the help desk. We will help you there.")
        }
    }

    color: "#fff4e5"
    Component.onCompleted: (ways.first.visible ? ways.first : ways.second).forceActiveFocus()

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 40

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.title()
            font.pixelSize: 72
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.detail()
            font.pixelSize: 44
            color: "#111111"
        }
        ButtonPair {
            id: ways
            anchors.horizontalCenter: parent.horizontalCenter
            availableWidth: parent.width
            first.visible: page.controller.canRetry
            first.text: qsTr("Try again")
            second.text: qsTr("Start over")
            second.primary: !first.visible
            onFirstClicked: page.controller.retry()
            onSecondClicked: page.controller.startOver()
        }
    }
}
