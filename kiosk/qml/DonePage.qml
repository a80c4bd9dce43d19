import QtQuick
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// Checked in: take the badge (or, on a same-day re-entry, just go in).
Rectangle {
    id: page

    required property KioskController controller
    readonly property bool reentry: controller.messageKey === "welcome_back"

    color: "#e6f4ea"

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 28

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: "✓"
            font.pixelSize: 112
            color: "#0b6b2b"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: page.reentry ? qsTr("Welcome back!") : qsTr("Please take your badge.")
            font.pixelSize: 68
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("%1, you are checked in. Enjoy the conference!").arg(Bidi.isolate(page.controller.delegateName))
            font.pixelSize: 44
            color: "#111111"
        }
        BigButton {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Done")
            onClicked: page.controller.endVisit()
        }
    }
}
