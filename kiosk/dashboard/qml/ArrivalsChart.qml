pragma ComponentBehavior: Bound

import QtQuick

// Arrivals per 15 minutes as bars, drawn with plain rectangles (no Qt Charts).
PanelFrame {
    id: panel
    required property var model  // ArrivalModel
    title: "Arrivals per 15 minutes"
    note: model.maxArrivals > 0 ? "busiest: " + model.maxArrivals : ""

    Text {
        anchors.centerIn: parent
        visible: panel.model.count === 0
        text: "No arrivals yet"
        color: "#9AA7B4"
        font.pixelSize: panel.unit * 1.2
    }

    Item {
        id: plot
        anchors.fill: parent
        anchors.bottomMargin: panel.unit * 1.5  // Room for the time labels.
        visible: panel.model.count > 0
        // Bars no wider than a few characters, so that an early day does not look like a wall.
        readonly property real slot: Math.min(panel.unit * 4, width / Math.max(1, panel.model.count))
        // Label every hour, or every few hours when the bars are narrow.
        readonly property int labelEvery: Math.max(4, Math.ceil(panel.unit * 3.5 / Math.max(1, slot) / 4) * 4)

        Repeater {
            model: [0.25, 0.5, 0.75, 1.0]
            Rectangle {
                required property real modelData
                width: plot.width
                height: 1
                y: plot.height * (1 - modelData)
                color: "#262E38"
            }
        }

        Repeater {
            id: bars
            model: panel.model
            Item {
                id: bar
                required property int index
                required property string label
                required property int arrivals
                x: index * plot.slot
                width: plot.slot
                height: plot.height

                Rectangle {
                    objectName: "bar"
                    anchors.bottom: parent.bottom
                    anchors.horizontalCenter: parent.horizontalCenter
                    width: Math.max(1, plot.slot * 0.8)
                    height: panel.model.maxArrivals > 0 ? plot.height * bar.arrivals / panel.model.maxArrivals : 0
                    radius: Math.min(width / 4, panel.unit * 0.2)
                    color: "#4FC3F7"
                }
                Text {
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: Math.min(plot.height - height,
                        panel.model.maxArrivals > 0 ? plot.height * bar.arrivals / panel.model.maxArrivals : 0)
                    anchors.horizontalCenter: parent.horizontalCenter
                    visible: bar.arrivals > 0 && plot.slot >= panel.unit * 1.8
                    text: bar.arrivals
                    color: "#E6EDF3"
                    font.pixelSize: panel.unit * 0.85
                }
                Text {
                    y: plot.height + panel.unit * 0.2
                    x: 0
                    visible: bar.index % plot.labelEvery === 0 || panel.model.count <= 4
                    text: bar.label
                    color: "#9AA7B4"
                    font.pixelSize: panel.unit * 0.85
                }
            }
        }
    }
}
