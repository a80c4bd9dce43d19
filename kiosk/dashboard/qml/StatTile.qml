import QtQuick

// One big number with its label, readable across a room.
Rectangle {
    id: tile
    property string label
    property int value
    property string detail
    property color accent: "#4FC3F7"
    property real unit: 16

    color: "#171C23"
    radius: unit * 0.5
    border.color: "#262E38"

    Rectangle {
        width: tile.unit * 0.4
        height: parent.height - tile.unit
        anchors { left: parent.left; leftMargin: tile.unit * 0.5; verticalCenter: parent.verticalCenter }
        radius: width / 2
        color: tile.accent
    }
    Column {
        anchors {
            left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
            leftMargin: tile.unit * 1.6; rightMargin: tile.unit
        }
        spacing: 0
        Text {
            width: parent.width
            text: tile.label
            color: "#B8C4CF"
            font.pixelSize: tile.unit * 1.2
            elide: Text.ElideRight
        }
        Text {
            objectName: "value"
            width: parent.width
            text: tile.value.toLocaleString(Qt.locale("en_GB"), "f", 0)
            color: "#FFFFFF"
            font.pixelSize: tile.unit * 3.4
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: tile.unit * 1.5
        }
        Text {
            width: parent.width
            text: tile.detail
            visible: text !== ""
            color: tile.accent
            font.pixelSize: tile.unit * 1.0
            elide: Text.ElideRight
        }
    }
}
