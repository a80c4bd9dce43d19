import QtQuick

// A large, high-contrast button for touch and keyboard: Tab reaches it, Enter or Space presses it.
Rectangle {
    id: button

    property alias text: label.text
    property bool primary: true
    // As wide as its label on one line, within these; a narrower button wraps its label and grows
    // taller, or with `lines` above 0 shows that many lines and elides the rest.
    property real minimumWidth: 360
    property real maximumWidth: Infinity
    property int lines: 0
    property alias fontSize: label.font.pixelSize
    signal clicked()

    implicitWidth: Math.max(minimumWidth, label.implicitWidth + 96)
    implicitHeight: Math.max(112, label.implicitHeight + 32)
    width: Math.min(implicitWidth, maximumWidth)
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
        maximumLineCount: button.lines > 0 ? button.lines : 2147483647  // Text's default: no limit
        elide: button.lines > 0 ? Text.ElideRight : Text.ElideNone
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
