import QtQuick
import QtQuick.Controls

// The dashboard's top line: the event, whether the feed is live, the clock, and the actions.
Item {
    id: header
    required property var controller
    property real unit: 16
    property bool fullscreen: false
    readonly property bool live: controller.state === 1  // DashboardController.Live
    readonly property bool failed: controller.state === 3  // DashboardController.Failed
    signal exportRequested()
    signal toggleFullscreen()

    height: header.unit * 2.6

    Text {
        id: eventTitle
        anchors { left: parent.left; verticalCenter: parent.verticalCenter }
        width: Math.min(implicitWidth, parent.width - actions.width - status.width - clockText.width - header.unit * 4)
        text: header.controller.eventName !== "" ? header.controller.eventName : "Lanyard"
        elide: Text.ElideRight
        color: "#FFFFFF"
        font.pixelSize: header.unit * 1.6
        font.bold: true
    }
    Rectangle {
        id: status
        objectName: "statusPill"
        anchors { left: eventTitle.right; leftMargin: header.unit; verticalCenter: parent.verticalCenter }
        width: statusText.implicitWidth + header.unit * 1.6
        height: header.unit * 1.9
        radius: height / 2
        color: header.live ? "#1B5E20" : header.failed ? "#B71C1C" : "#8D6E00"
        Text {
            id: statusText
            objectName: "statusText"
            anchors.centerIn: parent
            // The banner below says why and since when.
            text: header.live ? "\u25cf " + header.controller.statusText : header.failed ? "Not connected" : "Reconnecting\u2026"
            color: "#FFFFFF"
            font.pixelSize: header.unit * 0.95
            font.bold: true
        }
    }
    Text {
        id: clockText
        anchors { right: actions.left; rightMargin: header.unit; verticalCenter: parent.verticalCenter }
        text: header.controller.clock
        color: "#E6EDF3"
        font.pixelSize: header.unit * 1.6
        font.bold: true
    }
    Row {
        id: actions
        anchors { right: parent.right; verticalCenter: parent.verticalCenter }
        spacing: header.unit * 0.5
        Button {
            objectName: "exportButton"
            text: "Export\u2026"
            height: header.unit * 2.2
            font.pixelSize: header.unit * 0.95
            onClicked: header.exportRequested()
        }
        Button {
            text: header.fullscreen ? "Exit full screen" : "Full screen"
            height: header.unit * 2.2
            font.pixelSize: header.unit * 0.95
            onClicked: header.toggleFullscreen()
        }
    }
}
