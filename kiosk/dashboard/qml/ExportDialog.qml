import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts

// Export: pick the list, its filters and the format, and where to save it. The exporter streams
// the file from the server and only replaces the target once the file is complete.
Popup {
    id: dialog
    required property var controller
    required property var exporter
    property real unit: 16
    // What the list of those not checked in is called: as on the dashboard's tile.
    property string absentLabel: "Not yet arrived"
    // The path follows the list and format until the user types their own.
    property bool pathEdited: false
    // The "Browse…" file dialog, for tests.
    readonly property alias fileDialog: fileDialog

    modal: true
    focus: true
    padding: unit * 1.2
    width: Math.min(unit * 40, parent ? parent.width - unit * 2 : unit * 40)
    closePolicy: Popup.CloseOnEscape

    readonly property bool scanLog: listBox.currentIndex === 3
    readonly property bool csv: formatBox.currentIndex === 0

    function suggest() {
        if (!pathEdited) pathField.text = exporter.suggestedPath(listBox.currentIndex, formatBox.currentIndex)
    }
    function save() {
        exporter.start(listBox.currentIndex, scanLog ? 0 : sessionBox.currentValue,
                       scanLog ? "" : categoryBox.currentValue, formatBox.currentIndex,
                       delimiterBox.currentIndex === 1 ? ";" : ",", bomBox.checked, pathField.text)
    }

    onOpened: suggest()
    onAbsentLabelChanged: lists.setProperty(2, "name", absentLabel)
    Component.onCompleted: lists.setProperty(2, "name", absentLabel)

    FileDialog {
        id: fileDialog
        objectName: "fileDialog"
        title: "Save the export as"
        fileMode: FileDialog.SaveFile
        nameFilters: dialog.csv ? ["CSV files (*.csv)", "All files (*)"] : ["Excel workbooks (*.xlsx)", "All files (*)"]
        onAccepted: {
            pathField.text = dialog.exporter.localPath(selectedFile)
            dialog.pathEdited = true
        }
    }

    background: Rectangle { color: "#F5F7FA"; radius: dialog.unit * 0.4; border.color: "#B0BEC5" }

    // The popup's only item, so that the popup takes its implicit size; not its contentItem, which
    // Popup defers, while the ids inside are used from outside.
    ColumnLayout {
        anchors.fill: parent
        spacing: dialog.unit * 0.6

        Label {
            text: "Export"
            font.pixelSize: dialog.unit * 1.4
            font.bold: true
        }
        GridLayout {
            columns: 2
            columnSpacing: dialog.unit
            rowSpacing: dialog.unit * 0.5
            Layout.fillWidth: true

            Label { text: "List"; font.pixelSize: dialog.unit }
            ComboBox {
                id: listBox
                objectName: "listBox"
                Layout.fillWidth: true
                Layout.preferredHeight: dialog.unit * 2.2
                font.pixelSize: dialog.unit
                // A ListModel whose third name follows absentLabel: a new model would reset the choice.
                model: ListModel {
                    id: lists
                    ListElement { name: "All attendees" }
                    ListElement { name: "Checked in" }
                    ListElement { name: "" }
                    ListElement { name: "Scan log" }
                }
                textRole: "name"
                onActivated: dialog.suggest()
            }
            Label { text: "Session"; font.pixelSize: dialog.unit; enabled: !dialog.scanLog }
            ComboBox {
                id: sessionBox
                objectName: "sessionBox"
                Layout.fillWidth: true
                Layout.preferredHeight: dialog.unit * 2.2
                font.pixelSize: dialog.unit
                enabled: !dialog.scanLog
                model: dialog.controller.sessionChoices
                textRole: "text"
                valueRole: "value"
            }
            Label { text: "Category"; font.pixelSize: dialog.unit; enabled: !dialog.scanLog }
            ComboBox {
                id: categoryBox
                objectName: "categoryBox"
                Layout.fillWidth: true
                Layout.preferredHeight: dialog.unit * 2.2
                font.pixelSize: dialog.unit
                enabled: !dialog.scanLog
                model: dialog.controller.categoryChoices
                textRole: "text"
                valueRole: "value"
            }
            Label { text: "Format"; font.pixelSize: dialog.unit }
            ComboBox {
                id: formatBox
                objectName: "formatBox"
                Layout.fillWidth: true
                Layout.preferredHeight: dialog.unit * 2.2
                font.pixelSize: dialog.unit
                model: ["CSV", "Excel (XLSX)"]
                onActivated: dialog.suggest()
            }
            Label { text: "Delimiter"; font.pixelSize: dialog.unit; enabled: dialog.csv }
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    id: delimiterBox
                    objectName: "delimiterBox"
                    Layout.fillWidth: true
                    Layout.preferredHeight: dialog.unit * 2.2
                    font.pixelSize: dialog.unit
                    enabled: dialog.csv
                    model: ["Comma ,", "Semicolon ; (Excel in cs/de/fr/it)"]
                }
                CheckBox {
                    id: bomBox
                    objectName: "bomBox"
                    text: "UTF-8 BOM"
                    font.pixelSize: dialog.unit
                    enabled: dialog.csv
                }
            }
            Label { text: "Save to"; font.pixelSize: dialog.unit }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: pathField
                    objectName: "pathField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: dialog.unit * 2.2
                    font.pixelSize: dialog.unit
                    selectByMouse: true
                    onTextEdited: dialog.pathEdited = true
                }
                Button {
                    objectName: "browseButton"
                    text: "Browse…"
                    font.pixelSize: dialog.unit
                    Layout.preferredHeight: dialog.unit * 2.2
                    enabled: !dialog.exporter.busy
                    onClicked: {
                        fileDialog.currentFolder = dialog.exporter.folderUrl(pathField.text)
                        fileDialog.open()
                    }
                }
            }
        }
        Label {
            objectName: "exportMessage"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: dialog.exporter.message
            visible: text !== ""
            color: dialog.exporter.failed ? "#B71C1C" : "#1B5E20"
            font.pixelSize: dialog.unit
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: dialog.unit * 0.5
            BusyIndicator {
                running: dialog.exporter.busy
                visible: running
                Layout.preferredHeight: dialog.unit * 2
                Layout.preferredWidth: dialog.unit * 2
            }
            Button {
                objectName: "cancelExportButton"
                text: dialog.exporter.busy ? "Stop" : "Close"
                font.pixelSize: dialog.unit
                Layout.preferredHeight: dialog.unit * 2.2
                onClicked: dialog.exporter.busy ? dialog.exporter.cancel() : dialog.close()
            }
            Button {
                objectName: "saveButton"
                text: "Save"
                font.pixelSize: dialog.unit
                Layout.preferredHeight: dialog.unit * 2.2
                highlighted: true
                enabled: !dialog.exporter.busy && pathField.text !== ""
                onClicked: dialog.save()
            }
        }
    }
}
