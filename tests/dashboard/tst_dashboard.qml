import QtQuick
import QtTest
import Lanyard.Dashboard

// The dashboard's main view against QML stand-ins for DashboardController and ExportController,
// under the offscreen platform.
Item {
    id: root
    width: 1920
    height: 1080

    QtObject {
        id: fakeController
        property int state: 1  // Live
        property string statusText: "Live"
        property string eventName: "Integrating Cities"
        property string clock: "10:42"
        property string updatedAt: "10:41:58"
        property int registered: 340
        property int checkedIn: 215
        property int insideNow: 180
        property int noShows: 125
        property int cancelled: 3
        property int refusedScans: 4
        property int badgesPrinted: 200
        property int kiosksAlive: 1
        property int kiosksActive: 3
        property bool eventOver: false
        property var sessionChoices: [{ value: 0, text: "Whole event" }, { value: 11, text: "09:30  Opening plenary" }]
        property var categoryChoices: [{ value: "", text: "All categories" }, { value: "speaker", text: "Speaker" }]
        property ListModel sessions: ListModel {
            property int firstCurrent: 1
            ListElement { title: "Opening plenary"; room: "Main Hall"; time: "09:30–10:15"; capacity: 400; insideNow: 310; attended: 320; fillRatio: 0.775; phase: "ended" }
            ListElement { title: "Workshop: strategies"; room: "Room 2.14"; time: "14:00–15:30"; capacity: 40; insideNow: 40; attended: 41; fillRatio: 1.0; phase: "now" }
            ListElement { title: "حوار المدن"; room: "القاعة الكبرى"; time: "16:00–17:00"; capacity: 0; insideNow: 12; attended: 12; fillRatio: 0; phase: "later" }
        }
        property ListModel categories: ListModel {
            ListElement { label: "Speaker"; colour: "#C62828"; registered: 20; checkedIn: 18; insideNow: 15; checkedInRatio: 0.9 }
            ListElement { label: "ممثل المجتمع"; colour: "#2E7D32"; registered: 31; checkedIn: 2; insideNow: 2; checkedInRatio: 0.06 }
        }
        property ListModel arrivals: ListModel {
            property int maxArrivals: 40
            ListElement { label: "09:00"; arrivals: 12 }
            ListElement { label: "09:15"; arrivals: 40 }
            ListElement { label: "09:30"; arrivals: 0 }
            ListElement { label: "09:45"; arrivals: 20 }
        }
        property ListModel kiosks: ListModel {
            ListElement { name: "kiosk-entrance-1"; alive: true; lastSeen: "4 s ago"; printer: "Paper out"; printerOk: false; printerKnown: true; printerDetail: "media-empty"; scans: 120; admitted: 110; prints: 108; printFailures: 0; lastPrintError: ""; isKiosk: true; deviceRole: "Kiosk"; revoked: false; neverSeen: false }
            ListElement { name: "كشك القاعة ب"; alive: false; lastSeen: "never"; printer: "Not reported"; printerOk: false; printerKnown: false; printerDetail: ""; scans: 0; admitted: 0; prints: 0; printFailures: 0; lastPrintError: ""; isKiosk: true; deviceRole: "Kiosk"; revoked: false; neverSeen: true }
            ListElement { name: "kiosk-entrance-2"; alive: false; lastSeen: "6 min ago"; printer: "unknown"; printerOk: false; printerKnown: false; printerDetail: ""; scans: 80; admitted: 70; prints: 69; printFailures: 1; lastPrintError: "media-empty"; isKiosk: true; deviceRole: "Kiosk"; revoked: false; neverSeen: false }
            ListElement { name: "help-desk-1"; alive: false; lastSeen: "20 min ago"; printer: "unknown"; printerOk: false; printerKnown: false; printerDetail: ""; scans: 1; admitted: 1; prints: 0; printFailures: 0; lastPrintError: ""; isKiosk: false; deviceRole: "Help desk"; revoked: false; neverSeen: false }
            ListElement { name: "kiosk-stolen"; alive: false; lastSeen: "2 h ago"; printer: "OK"; printerOk: true; printerKnown: true; printerDetail: ""; scans: 9; admitted: 9; prints: 9; printFailures: 0; lastPrintError: ""; isKiosk: true; deviceRole: "Kiosk"; revoked: true; neverSeen: false }
        }
        property ListModel checkIns: ListModel {
            ListElement { name: "Simona Baltrušaitienė"; detail: "Speaker · Vilnius"; colour: "#C62828"; place: "Entrance"; time: "10:41:07"; outcome: "Admitted"; admitted: true; refused: false }
            ListElement { name: "Unknown code"; detail: ""; colour: "#B71C1C"; place: "Entrance"; time: "10:40:55"; outcome: "Unknown code"; admitted: false; refused: true }
            ListElement { name: "محمد درويش"; detail: "Community representative · Berlin"; colour: "#2E7D32"; place: "القاعة الكبرى"; time: "10:40:40"; outcome: "Admitted"; admitted: true; refused: false }
            ListElement { name: "Jan Novák"; detail: "Speaker · Brno"; colour: "#C62828"; place: "Entrance"; time: "10:40:31"; outcome: "Left"; admitted: false; refused: false }
        }
    }

    QtObject {
        id: fakeConflicts
        property int total: 2
        property int unseen: 1
        property string message: ""
        property var marked: []
        function markSeen(id) { marked = marked.concat([id]) }
        property ListModel conflicts: ListModel {
            ListElement { conflictId: 2; name: "Simona Baltrušaitienė"; place: "Entrance"; kiosks: "kiosk-entrance-2, also kiosk-entrance-1 at 09:02 (offline)"; scanned: "09:05:12"; reason: "Admitted twice: already admitted by another scan."; seen: false; seenText: "" }
            ListElement { conflictId: 1; name: "Jan Novák"; place: "Workshop: strategies"; kiosks: "door-2.14"; scanned: "08:58:40"; reason: "Admitted offline to a session that was full."; seen: true; seenText: "Seen by organiser at 10:02" }
        }
    }

    QtObject {
        id: fakeExporter
        property bool busy: false
        property string message: ""
        property bool failed: false
        property var lastStart: null
        function suggestedPath(list, format) { return "/tmp/export-" + list + (format === 1 ? ".xlsx" : ".csv") }
        function start(list, sessionId, category, format, delimiter, bom, path) {
            lastStart = { list: list, sessionId: sessionId, category: category, format: format,
                          delimiter: delimiter, bom: bom, path: path }
            message = "Saved 3 rows to " + path
        }
        function cancel() {}
        function folderUrl(path) { return "file:///tmp" }
        function localPath(url) { return url.toString().replace("file://", "") }
    }

    Component {
        id: viewComponent
        DashboardView { anchors.fill: parent; controller: fakeController; exporter: fakeExporter; conflicts: fakeConflicts }
    }

    TestCase {
        name: "DashboardView"
        when: windowShown

        function findNamed(item, name) {
            if (item.objectName === name) return item
            // `data` also holds non-visual objects such as the export Popup.
            const kids = item.data !== undefined ? item.data : []
            for (let i = 0; i < kids.length; ++i) {
                const found = findNamed(kids[i], name)
                if (found) return found
            }
            return null
        }
        function findText(item, text) {
            if (item.text !== undefined && item.text === text) return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findText(item.children[i], text)
                if (found) return found
            }
            return null
        }

        function countVisibleText(item, text) {
            let n = (item.text === text && item.visible) ? 1 : 0
            for (let i = 0; i < item.children.length; ++i) n += countVisibleText(item.children[i], text)
            return n
        }

        function init() {
            fakeController.state = 1
            fakeController.eventOver = false
            fakeController.statusText = "Live"
            fakeExporter.lastStart = null
            fakeExporter.message = ""
            root.width = 1920
            root.height = 1080
        }

        function test_bigNumbersShowTheControllersCounts() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            compare(findNamed(findNamed(view, "checkedInTile"), "value").text, "215")
            compare(findNamed(findNamed(view, "noShowsTile"), "value").text, "125")
            fakeController.insideNow = 1234
            compare(findNamed(findNamed(view, "insideNowTile"), "value").text, "1,234")
            verify(findText(view, "63 % of registered") !== null)
        }

        function test_panelsShowTheModels() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            verify(findText(view, "Simona Baltrušaitienė") !== null)
            verify(findText(view, "310 / 400") !== null)
            verify(findText(view, "40 / 40") !== null)
            // Only the running session is marked.
            compare(countVisibleText(view, "NOW"), 1)
            verify(findText(view, "kiosk-entrance-2") !== null)
            verify(findText(view, "Printer: Paper out") !== null)
            verify(findText(view, "1 of 3 alive") !== null)
            // A kiosk whose token was just made has not gone silent: it has not connected yet.
            verify(findText(view, "not connected yet · 0 scans, 0 admitted, 0 badges") !== null)
            // The desk and a revoked kiosk send no heartbeats: neither is silent, neither has a printer.
            verify(findText(view, "Help desk") !== null)
            verify(findText(view, "last seen 20 min ago · 1 scan, 1 admitted") !== null)
            verify(findText(view, "Token revoked") !== null)
            verify(findText(view, "last seen 2 h ago · 9 scans, 9 admitted, 9 badges") !== null)
            compare(countVisibleText(view, "Printer: OK"), 0)  // The revoked kiosk's is not shown.
            // The tallest bar fills the plot; an empty slot has no height.
            const chart = findNamed(view, "arrivalsPanel")
            let heights = []
            const collect = function(item) {
                if (item.objectName === "bar") heights.push(item.height)
                for (let i = 0; i < item.children.length; ++i) collect(item.children[i])
            }
            collect(chart)
            compare(heights.length, 4)
            verify(heights[1] > heights[3] && heights[3] > heights[0])
            compare(heights[2], 0)
        }

        // Conflicts from offline kiosks: the unseen count, who and why, and a way to mark one seen.
        function test_conflictsPanelShowsTheCountTheListAndMarksSeen() {
            fakeConflicts.marked = []
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const panel = findNamed(view, "conflictsPanel")
            verify(panel !== null)
            verify(panel.visible && panel.width > 0 && panel.height > 0)
            verify(findText(panel, "1 unseen of 2") !== null)
            verify(findText(panel, "\u26a0 Simona Baltrušaitienė · Entrance") !== null)
            verify(findText(panel, "Admitted twice: already admitted by another scan.") !== null)
            verify(findText(panel, "door-2.14 · Seen by organiser at 10:02") !== null)
            verify(findText(panel, "kiosk-entrance-2, also kiosk-entrance-1 at 09:02 (offline)") !== null)
            let buttons = []
            const collect = function(item) {
                if (item.objectName === "markSeenButton" && item.visible) buttons.push(item)
                for (let i = 0; i < item.children.length; ++i) collect(item.children[i])
            }
            collect(panel)
            compare(buttons.length, 1)  // The seen one has none.
            mouseClick(buttons[0])
            compare(fakeConflicts.marked, [2])
        }

        // What a silent kiosk last reported is stale: its printer reads as unknown, grey like one
        // not reported yet, not as a problem to fix.
        function test_aSilentKiosksPrinterIsUnknownAndGrey() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const unknown = findText(view, "Printer: unknown")
            const notReported = findText(view, "Printer: Not reported")
            const paperOut = findText(view, "Printer: Paper out")
            verify(unknown !== null && notReported !== null && paperOut !== null)
            compare(countVisibleText(view, "Printer: unknown"), 1)  // The revoked kiosk says so instead.
            verify(Qt.colorEqual(unknown.color, notReported.color), unknown.color)
            verify(!unknown.font.bold)
            verify(!Qt.colorEqual(paperOut.color, unknown.color))
            verify(paperOut.font.bold)
            verify(findText(view, "silent, last seen 6 min ago · 80 scans, 70 admitted, 69 badges, 1 failed (media-empty)") !== null)
            // An alive kiosk's problem comes with the printer's own words.
            verify(findText(view, "seen 4 s ago · 120 scans, 110 admitted, 108 badges · media-empty") !== null)
        }

        // Those not checked in are still expected during the event; after its last day they are
        // no-shows, on the tile and in the export's list alike.
        function test_theAbsentAreNotYetArrivedUntilTheEventIsOver() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const tile = findNamed(view, "noShowsTile")
            verify(findText(tile, "Not yet arrived") !== null)
            verify(findText(tile, "No-shows") === null)
            mouseClick(findNamed(view, "exportButton"))
            const dialog = findNamed(view, "exportDialog")
            tryCompare(dialog, "opened", true)
            const listBox = findNamed(dialog.contentItem, "listBox")
            compare(listBox.textAt(2), "Not yet arrived")
            listBox.currentIndex = 2

            fakeController.eventOver = true
            verify(findText(tile, "No-shows") !== null)
            verify(findText(tile, "Not yet arrived") === null)
            compare(listBox.textAt(2), "No-shows")
            compare(listBox.currentIndex, 2)  // The list chosen stays chosen.
            dialog.close()
        }

        function test_aCheckOutIsNeitherAnEntryNorARefusal() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const entry = findText(view, "Admitted \u00b7 Entrance \u00b7 Speaker \u00b7 Vilnius")
            const refusal = findText(view, "\u26a0 Unknown code \u00b7 Entrance")
            const left = findText(view, "Left \u00b7 Entrance \u00b7 Speaker \u00b7 Brno")
            verify(entry !== null && refusal !== null && left !== null)
            verify(!Qt.colorEqual(left.color, entry.color))
            verify(!Qt.colorEqual(left.color, refusal.color))
        }

        // Every text in `item` holding right-to-left letters.
        function rightToLeftTexts(item, found) {
            if (item.text !== undefined && item.effectiveHorizontalAlignment !== undefined
                && /[\u0590-\u08ff]/.test(item.text))
                found.push(item)
            for (let i = 0; i < item.children.length; ++i) rightToLeftTexts(item.children[i], found)
            return found
        }

        function test_rightToLeftNamesStartAtTheLeftOfTheirCell() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const texts = rightToLeftTexts(view, [])
            // The check-in's name and its line, the session's title and room, the kiosk, the category.
            verify(texts.length >= 6, texts.length + " texts with Arabic letters")
            for (const text of texts)
                compare(text.effectiveHorizontalAlignment, Text.AlignLeft, "\"" + text.text + "\"")
            // The name's letters start where the other names do.
            const name = findText(view, "محمد درويش")
            const other = findText(view, "Simona Baltrušaitienė")
            compare(name.mapToItem(view, 0, 0).x, other.mapToItem(view, 0, 0).x)
            verify(name.contentWidth < name.width / 2)
            // Right-to-left titles, rooms and labels are isolated, so that their lines stay left to right.
            verify(findText(view, "16:00–17:00  \u2068حوار المدن\u2069") !== null)
            verify(findText(view, "\u2068القاعة الكبرى\u2069  \u00b7  attended 12") !== null)
            verify(findText(view, "\u2068ممثل المجتمع\u2069  \u00b7  2 inside") !== null)
        }

        function test_statusFollowsTheConnection() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const pill = findNamed(view, "statusPill")
            const liveColour = pill.color.toString()  // A copy: a color read from a property follows it.
            verify(!findNamed(view, "staleBanner").visible)
            fakeController.state = 2
            fakeController.statusText = "Reconnecting… next try in 2 s"
            compare(findNamed(view, "statusText").text, "Reconnecting…")
            verify(pill.color.toString() !== liveColour)
            // Across the room: a banner says the numbers are not live, and since when.
            verify(findNamed(view, "staleBanner").visible)
            compare(findNamed(view, "staleText").text, "Reconnecting… next try in 2 s  –  numbers as of 10:41:58")
        }

        function test_threeColumnsOnAWallScreenAndOneWhenNarrow() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            const arrivals = findNamed(view, "arrivalsPanel")
            const sessions = findNamed(view, "sessionsPanel")
            const checkIns = findNamed(view, "checkInsPanel")
            verify(sessions.x > arrivals.x && checkIns.x > sessions.x)
            // Everything fits a 1080p screen without scrolling.
            const kiosks = findNamed(view, "kiosksPanel")
            verify(kiosks.mapToItem(view, 0, kiosks.height).y <= view.height + 1)
            root.width = 700
            root.height = 1000
            waitForRendering(view)
            compare(sessions.x, arrivals.x)
            verify(sessions.y > arrivals.y && checkIns.y > sessions.y)
        }

        function test_exportBrowsesForTheFile() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            mouseClick(findNamed(view, "exportButton"))
            const dialog = findNamed(view, "exportDialog")
            tryCompare(dialog, "opened", true)
            mouseClick(findNamed(dialog.contentItem, "browseButton"))
            const files = dialog.fileDialog
            tryCompare(files, "visible", true)
            compare(files.currentFolder.toString(), "file:///tmp")
            compare(files.fileMode, 2)  // FileDialog.SaveFile
            // What Qt's dialog reports when a file is chosen (its own UI is Qt's to test).
            files.selectedFile = "file:///tmp/chosen.csv"
            files.accepted()
            files.close()
            compare(findNamed(dialog.contentItem, "pathField").text, "/tmp/chosen.csv")
            mouseClick(findNamed(dialog.contentItem, "saveButton"))
            compare(fakeExporter.lastStart.path, "/tmp/chosen.csv")
            dialog.close()
        }

        function test_exportSendsTheChoices() {
            const view = createTemporaryObject(viewComponent, root)
            waitForRendering(view)
            mouseClick(findNamed(view, "exportButton"))
            const dialog = findNamed(view, "exportDialog")
            tryCompare(dialog, "opened", true)
            const path = findNamed(dialog.contentItem, "pathField")
            compare(path.text, "/tmp/export-0.csv")
            const listBox = findNamed(dialog.contentItem, "listBox")
            listBox.currentIndex = 2
            listBox.activated(2)
            compare(path.text, "/tmp/export-2.csv")
            findNamed(dialog.contentItem, "sessionBox").currentIndex = 1
            findNamed(dialog.contentItem, "categoryBox").currentIndex = 1
            findNamed(dialog.contentItem, "delimiterBox").currentIndex = 1
            findNamed(dialog.contentItem, "bomBox").checked = true
            mouseClick(findNamed(dialog.contentItem, "saveButton"))
            verify(fakeExporter.lastStart !== null)
            compare(fakeExporter.lastStart.list, 2)
            compare(fakeExporter.lastStart.sessionId, 11)
            compare(fakeExporter.lastStart.category, "speaker")
            compare(fakeExporter.lastStart.format, 0)
            compare(fakeExporter.lastStart.delimiter, ";")
            compare(fakeExporter.lastStart.bom, true)
            compare(fakeExporter.lastStart.path, "/tmp/export-2.csv")
            compare(findNamed(dialog.contentItem, "exportMessage").text, "Saved 3 rows to /tmp/export-2.csv")
            dialog.close()
        }
    }
}
