import QtQuick
import Lanyard.Kiosk

// A session door's answer to a scan, readable from a step away: the whole screen in the answer's
// colour, one big word or two, and the delegate's name when known; at a closed room's door, when
// it opens.
Rectangle {
    id: page

    required property KioskController controller
    readonly property string key: controller.messageKey
    // Green: they may go in.
    readonly property bool admitted: key === "door_admitted" || key === "door_already_in"
    readonly property bool goodbye: key === "door_left"
    // Amber: not a refusal (scan again, or later); red: refused.
    readonly property bool notNow: key === "unreachable" || key === "door_closed" || key === "not_checked_in"
                                   || key === "scan_again"

    function title() {
        switch (key) {
        case "door_admitted": return qsTr("Welcome in")
        case "door_left": return qsTr("Goodbye")
        case "door_already_in": return qsTr("You are already in")
        case "scan_again": return qsTr("Please scan again")
        case "not_checked_in": return qsTr("Not checked in to this session")
        case "session_full": return qsTr("Session full")
        case "not_registered": return qsTr("Not registered for this session")
        case "outside_time_window": return qsTr("Not open now")
        case "already_checked_in": return qsTr("Already checked in")
        case "cancelled": return qsTr("This registration is cancelled")
        case "unknown_code": return qsTr("We do not know this code")
        case "forged_code": return qsTr("This code is not valid")
        case "superseded_code": return qsTr("This code has been replaced")
        case "unreachable": return qsTr("The check-in server cannot be reached")
        case "door_closed": return qsTr("No session in this room now")
        default: return qsTr("Please ask the staff at the door")
        }
    }

    // The line under the answer.
    function detail() {
        if (!controller.door.closed || (key !== "door_closed" && key !== "outside_time_window"))
            return controller.delegateName
        if (controller.door.nextSessionTitle === "")
            return controller.door.roomMode ? qsTr("There are no more sessions in this room.") : qsTr("This session is over.")
        return controller.door.roomMode
               ? qsTr("Check-in for the next session opens %n minute(s) before it starts.", "",
                      controller.door.opensMinutesBefore)
               : qsTr("Check-in opens %n minute(s) before the session starts.", "", controller.door.opensMinutesBefore)
    }

    color: admitted ? "#0b6b2b" : goodbye ? "#1f4f8a" : notNow ? "#8a5a00" : "#a61b00"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title()

    Column {
        anchors.centerIn: parent
        width: parent.width - 120
        spacing: 32

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: page.admitted || page.goodbye ? "✓" : "✕"
            font.pixelSize: 160
            font.bold: true
            color: "#ffffff"
        }
        Text {
            objectName: "doorAnswer"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            // Two lines at most: a longer answer gets a smaller font.
            height: Math.min(implicitHeight, 300)
            wrapMode: Text.WordWrap
            text: page.title()
            fontSizeMode: Text.Fit
            minimumPixelSize: 48
            font.pixelSize: 110
            font.bold: true
            color: "#ffffff"
        }
        Text {
            objectName: "doorDetail"
            width: parent.width
            // Two lines at most, as the answer.
            height: Math.min(implicitHeight, 180)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: text !== ""
            text: page.detail()
            fontSizeMode: Text.Fit
            minimumPixelSize: 40
            font.pixelSize: 64
            color: "#ffffff"
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: page.controller.endVisit()
    }
}
