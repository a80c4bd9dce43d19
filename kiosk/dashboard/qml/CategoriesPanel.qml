pragma ComponentBehavior: Bound

import QtQuick
import "Bidi.js" as Bidi

// Checked in against registered, per delegate category, in the category's colour.
PanelFrame {
    id: panel
    required property var model  // CategoryModel
    title: "Categories"
    note: "checked in / registered"

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        spacing: panel.unit * 0.35
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds

        delegate: Item {
            id: row
            required property string label
            required property string colour
            required property int registered
            required property int checkedIn
            required property int insideNow
            required property real checkedInRatio
            width: list.width
            // As many categories as fit without scrolling, down to a readable minimum.
            height: Math.max(panel.unit * 1.75,
                             Math.min(panel.unit * 2.4, (list.height - list.spacing * (list.count - 1)) / Math.max(1, list.count)))

            Text {
                id: numbers
                anchors { right: parent.right; top: parent.top }
                text: row.checkedIn + " / " + row.registered
                color: "#E6EDF3"
                font.pixelSize: panel.unit * 0.95
                font.bold: true
            }
            Text {
                anchors { left: parent.left; right: numbers.left; rightMargin: panel.unit; top: parent.top }
                horizontalAlignment: Text.AlignLeft
                text: Bidi.isolate(row.label) + "  \u00b7  " + row.insideNow + " inside"
                elide: Text.ElideRight
                color: "#E6EDF3"
                font.pixelSize: panel.unit * 0.95
            }
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: panel.unit * 0.35
                radius: height / 2
                color: "#262E38"
                Rectangle {
                    width: parent.width * Math.min(1, row.checkedInRatio)
                    height: parent.height
                    radius: height / 2
                    color: row.colour
                }
            }
        }
    }
}
