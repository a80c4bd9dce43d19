import QtQuick
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// The kiosk cannot serve anyone as it is set up: say what is wrong in words staff can act on, and
// that a delegate should fetch them. Shown instead of Welcome until the problem goes away.
Rectangle {
    id: page

    required property KioskController controller

    function title() {
        switch (page.controller.setupProblem) {
        case "unknown_session":
            return qsTr("This door is set up for session %1, which the event does not have.").arg(page.controller.door.sessionId)
        case "unknown_room":
            return qsTr("This door is set up for the room “%1”, which no session of the event uses.")
                   .arg(Bidi.isolate(page.controller.door.room))
        default: return ""
        }
    }

    color: "#8a5a00"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title()

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 48

        Text {
            objectName: "setupProblem"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.title()
            font.pixelSize: 64
            font.bold: true
            color: "#ffffff"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Please call staff.")
            font.pixelSize: 52
            color: "#ffffff"
        }
    }
}
