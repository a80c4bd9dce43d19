import QtQuick
import QtQuick.VirtualKeyboard

// The on-screen keyboard for touch-only kiosks, across the bottom of the window. Its keys grow with
// its width and its height with them, so it is at most 1024 pixels wide, centred on a band of its
// own colour: on a 1280×800 screen that leaves the page 480 pixels instead of 400. Main.qml and
// the layout test both size it from here.
Item {
    id: keyboard

    readonly property bool active: panel.active

    implicitHeight: panel.height

    Rectangle {
        anchors.fill: parent
        color: "#263238"  // The default style's keyboard background.
    }
    InputPanel {
        id: panel
        objectName: "keyboard"
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, 1024)
    }
}
