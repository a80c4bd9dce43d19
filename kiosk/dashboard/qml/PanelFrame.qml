import QtQuick

// A titled card on the dashboard; its content goes below the title.
Rectangle {
    id: frame
    property string title
    property string note  // Small text at the right of the title.
    property real unit: 16
    default property alias content: body.data

    color: "#171C23"
    radius: unit * 0.5
    border.color: "#262E38"

    Text {
        id: heading
        anchors { left: parent.left; top: parent.top; margins: frame.unit }
        text: frame.title
        color: "#E6EDF3"
        font.pixelSize: frame.unit * 1.3
        font.bold: true
    }
    Text {
        anchors { right: parent.right; baseline: heading.baseline; rightMargin: frame.unit }
        anchors.left: heading.right
        anchors.leftMargin: frame.unit
        horizontalAlignment: Text.AlignRight
        elide: Text.ElideLeft
        text: frame.note
        color: "#9AA7B4"
        font.pixelSize: frame.unit * 0.95
    }
    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right; top: heading.bottom; bottom: parent.bottom
            leftMargin: frame.unit; rightMargin: frame.unit; topMargin: frame.unit * 0.6; bottomMargin: frame.unit
        }
    }
}
