pragma ComponentBehavior: Bound

import QtQuick
import Lanyard.Kiosk
import "Bidi.js" as Bidi

// Work in progress: checking in, or printing the badge (whose, when known).
Rectangle {
    id: page

    required property KioskController controller
    property bool printing: false
    // The given name of the delegate whose badge is printing; "" when not known.
    readonly property string name: controller.delegateGivenName

    color: "#ffffff"

    Column {
        anchors.centerIn: parent
        width: parent.width - 160
        spacing: 48

        Text {
            objectName: "printingTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: !page.printing ? qsTr("One moment, please…")
                  : page.name !== "" ? qsTr("Printing your badge, %1…").replace("%1", () => Bidi.isolate(page.name))
                  : qsTr("Printing your badge…")
            font.pixelSize: 72
            font.bold: true
            color: "#111111"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: page.printing
            text: qsTr("Your badge will come out of the printer below.")
            font.pixelSize: 44
            color: "#333333"
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 24
            Repeater {
                model: 3
                Rectangle {
                    id: dot
                    required property int index
                    width: 36
                    height: 36
                    radius: 18
                    color: "#003a8c"
                    SequentialAnimation on opacity {
                        loops: Animation.Infinite
                        PauseAnimation { duration: dot.index * 200 }
                        NumberAnimation { from: 1; to: 0.2; duration: 600 }
                        NumberAnimation { from: 0.2; to: 1; duration: 600 }
                    }
                }
            }
        }
    }
}
