import QtQuick

// A large, high-contrast button for touch and keyboard: Tab reaches it, Enter or Space presses it.
Rectangle {
    id: button

    property alias text: label.text
    property bool primary: true
    signal clicked()

    implicitWidth: Math.max(360, label.implicitWidth + 96)
    implicitHeight: 112
    radius: 16
    color: primary ? (mouse.pressed ? "#00285f" : "#003a8c") : (mouse.pressed ? "#d0d4da" : "#ffffff")
    border.width: activeFocus ? 8 : 4
    border.color: activeFocus ? "#ffb000" : "#003a8c"
    activeFocusOnTab: true

    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.onPressAction: clicked()

    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 48
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        font.pixelSize: 40
        font.bold: true
        color: button.primary ? "#ffffff" : "#003a8c"
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        onClicked: button.clicked()
    }

    Keys.onSpacePressed: clicked()
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()
}
