import QtQuick

// Every session's occupancy against its capacity: who is in the room now.
PanelFrame {
    id: panel
    required property var model  // SessionModel
    title: "Sessions"
    note: "inside now / capacity"

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        spacing: panel.unit * 0.5
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds

        delegate: Item {
            id: row
            required property string title
            required property string room
            required property string time
            required property int capacity
            required property int insideNow
            required property int attended
            required property real fillRatio
            width: list.width
            height: panel.unit * 3.1
            readonly property color barColour: fillRatio >= 1 ? "#EF5350" : fillRatio >= 0.85 ? "#FFB74D" : "#66BB6A"

            Text {
                id: count
                anchors { right: parent.right; top: parent.top }
                text: row.capacity > 0 ? row.insideNow + " / " + row.capacity : row.insideNow + " inside"
                color: row.capacity > 0 && row.fillRatio >= 0.85 ? row.barColour : "#E6EDF3"
                font.pixelSize: panel.unit * 1.1
                font.bold: true
            }
            Text {
                anchors { left: parent.left; right: count.left; rightMargin: panel.unit; top: parent.top }
                text: row.time + "  " + row.title
                elide: Text.ElideRight
                color: "#E6EDF3"
                font.pixelSize: panel.unit * 1.05
            }
            Text {
                anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: panel.unit * 1.35 }
                text: row.room + "  \u00b7  attended " + row.attended
                elide: Text.ElideRight
                color: "#9AA7B4"
                font.pixelSize: panel.unit * 0.85
            }
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: panel.unit * 0.45
                radius: height / 2
                color: "#262E38"
                Rectangle {
                    objectName: "fill"
                    width: parent.width * Math.min(1, row.fillRatio)
                    height: parent.height
                    radius: height / 2
                    color: row.barColour
                    visible: row.capacity > 0
                }
            }
        }
    }
}
