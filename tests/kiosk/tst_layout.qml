import QtQuick
import QtTest
import Lanyard.Kiosk

// Every kiosk page in every kiosk language, filled with the longest names, organisation, session
// and room of the demo event: nothing reaches outside the page, no text outgrows its box, and no
// two texts or buttons overlap. Pages where the delegate types are checked in the space the
// on-screen keyboard leaves them. Right-to-left languages mirror the pages, as Main.qml does.
Item {
    id: root
    width: 1280
    height: 800
    LayoutMirroring.enabled: Qt.locale(fakeKiosk.language).textDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    FakeKioskController { id: fakeKiosk }
    FakeStaffController { id: fakeStaff }
    KioskKeyboard { id: keyboard; width: root.width; visible: false }

    Component { id: welcomePage; WelcomePage { controller: fakeKiosk; staff: fakeStaff } }
    Component { id: searchPage; SearchPage { controller: fakeKiosk } }
    Component { id: proofPage; ProofPage { controller: fakeKiosk } }
    Component { id: confirmPage; ConfirmPage { controller: fakeKiosk } }
    Component { id: checkingPage; PrintingPage { printing: false } }
    Component { id: printingPage; PrintingPage { printing: true; name: fakeKiosk.delegateGivenName } }
    Component { id: donePage; DonePage { controller: fakeKiosk } }
    Component { id: problemPage; ProblemPage { controller: fakeKiosk } }
    Component { id: doorPage; DoorPage { controller: fakeKiosk } }
    Component { id: setupProblemPage; SetupProblemPage { controller: fakeKiosk } }
    Component { id: staffPinPage; StaffPinPage { staff: fakeStaff } }
    Component { id: staffPage; StaffPage { staff: fakeStaff } }

    // The demo's longest: a given name, a family name, an organisation, a session and a room.
    readonly property string longGiven: "María de los Ángeles"
    readonly property string longFamily: "Vasconcelos de Albuquerque e Sousa Magalhães"
    readonly property string longOrganisation:
        "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung"
    readonly property string longSession:
        "Panel: Narratives on migration and diversity, equality and inclusion (DEI) in European cities"
    readonly property string longRoom: "Off-site: Integration Centre Prague (meet at the registration desk)"

    function fillWithLongest() {
        fakeKiosk.eventName = "Integrating Cities Conference 2026"
        fakeKiosk.connected = true
        fakeKiosk.offline = false
        fakeKiosk.doorMode = false
        fakeKiosk.roomMode = false
        fakeKiosk.room = longRoom
        fakeKiosk.doorClosed = false
        fakeKiosk.leaving = false
        fakeKiosk.nextSessionTitle = longSession
        fakeKiosk.nextSessionTime = "13/05/2026 09:00"
        fakeKiosk.sessionId = 0
        fakeKiosk.setupProblem = ""
        fakeKiosk.sessionTitle = longSession
        fakeKiosk.sessionRoom = longRoom
        fakeKiosk.printerProblem = ""
        fakeKiosk.delegateName = longGiven + " V."
        fakeKiosk.delegateGivenName = longGiven
        fakeKiosk.delegateAffiliation = "Thessaloniki"
        fakeKiosk.delegateOrganisation = longOrganisation
        fakeKiosk.categoryLabel = "Community representative"
        fakeKiosk.categoryColour = "#2E7D32"
        fakeKiosk.messageKey = ""
        fakeKiosk.previousCheckIn = "12.05.26 09:14"
        fakeKiosk.canRetry = false
        fakeKiosk.canSearch = true
        fakeKiosk.searchQuery = ""
        fakeKiosk.searchResults = []
        fakeKiosk.moreResults = false
        fakeKiosk.proofLength = 4
        fakeKiosk.proofAttemptsLeft = 2
        fakeKiosk.proofRejected = false
        fakeStaff.available = true
        fakeStaff.active = true
        fakeStaff.page = StaffController.Pin
        fakeStaff.busy = false
        fakeStaff.messageKey = ""
        fakeStaff.printerStatus = "paper_out"
        fakeStaff.printerDetail = "media-empty"
        fakeStaff.printerName = "Zebra_ZD421_entrance_left"
        fakeStaff.searchQuery = ""
        fakeStaff.searchResults = []
        fakeStaff.personName = longGiven + " " + longFamily
        fakeStaff.personLatinName = ""
        fakeStaff.personAffiliation = longOrganisation
        fakeStaff.categoryLabel = "Community representative"
        fakeStaff.categoryColour = "#2E7D32"
        fakeStaff.checkedInAt = ""
        fakeStaff.badgePrinted = false
    }

    // A room's door between its sessions.
    function closeTheSession() {
        closeTheRoom()
        fakeKiosk.roomMode = false
    }
    function closeTheRoom() {
        fakeKiosk.doorMode = true
        fakeKiosk.roomMode = true
        fakeKiosk.doorClosed = true
        fakeKiosk.canSearch = false
        fakeKiosk.sessionTitle = ""
        fakeKiosk.sessionRoom = ""
        fakeKiosk.delegateName = ""
    }

    function tenResults() {
        const results = []
        for (let i = 0; i < 10; ++i) {
            results.push({ "id": i + 1, "name": longGiven + " V.", "affiliation": i % 2 ? "Thessaloniki" : longOrganisation })
        }
        return results
    }

    // Each screen: a page, the state that shows it, and whether the on-screen keyboard is up on it.
    readonly property var screens: {
        const list = [
            { name: "welcome", page: welcomePage, setup: () => {} },
            { name: "welcome, connecting", page: welcomePage, setup: () => { fakeKiosk.connected = false } },
            { name: "welcome, out of paper", page: welcomePage, setup: () => { fakeKiosk.printerProblem = "paper_out" } },
            { name: "welcome, printer offline", page: welcomePage, setup: () => { fakeKiosk.printerProblem = "offline" } },
            { name: "welcome, no search", page: welcomePage, setup: () => { fakeKiosk.canSearch = false } },
            { name: "welcome, offline", page: welcomePage, setup: () => { fakeKiosk.offline = true } },
            { name: "welcome, offline, out of paper", page: welcomePage,
              setup: () => { fakeKiosk.offline = true; fakeKiosk.printerProblem = "paper_out" } },
            { name: "door welcome, offline", page: welcomePage,
              setup: () => { fakeKiosk.doorMode = true; fakeKiosk.canSearch = false; fakeKiosk.offline = true } },
            { name: "session door, not open yet", page: welcomePage, setup: closeTheSession },
            { name: "session door, over", page: welcomePage,
              setup: () => { closeTheSession(); fakeKiosk.nextSessionTitle = ""; fakeKiosk.nextSessionTime = "" } },
            { name: "session door outside_time_window", page: doorPage,
              setup: () => { closeTheSession(); fakeKiosk.messageKey = "outside_time_window" } },
            // A door has no name search (KioskController::canSearch).
            { name: "door welcome", page: welcomePage, setup: () => { fakeKiosk.doorMode = true; fakeKiosk.canSearch = false } },
            { name: "door welcome, leaving", page: welcomePage,
              setup: () => { fakeKiosk.doorMode = true; fakeKiosk.canSearch = false; fakeKiosk.leaving = true } },
            { name: "door for an unknown session", page: setupProblemPage,
              setup: () => { fakeKiosk.doorMode = true; fakeKiosk.sessionId = 123456; fakeKiosk.setupProblem = "unknown_session" } },
            { name: "room door, closed", page: welcomePage, setup: closeTheRoom },
            { name: "room door, closed, none to come", page: welcomePage,
              setup: () => { closeTheRoom(); fakeKiosk.nextSessionTitle = ""; fakeKiosk.nextSessionTime = "" } },
            { name: "door for an unknown room", page: setupProblemPage,
              setup: () => { fakeKiosk.doorMode = true; fakeKiosk.roomMode = true; fakeKiosk.setupProblem = "unknown_room" } },
            { name: "door door_closed", page: doorPage, setup: () => { closeTheRoom(); fakeKiosk.messageKey = "door_closed" } },
            { name: "door door_closed, none to come", page: doorPage,
              setup: () => { closeTheRoom(); fakeKiosk.messageKey = "door_closed"; fakeKiosk.nextSessionTitle = "" } },
            { name: "search", page: searchPage, keyboard: true, setup: () => {} },
            { name: "search, results", page: searchPage, keyboard: true,
              setup: () => { fakeKiosk.searchQuery = "ma"; fakeKiosk.searchResults = tenResults() } },
            { name: "search, more than fit", page: searchPage, keyboard: true,
              setup: () => { fakeKiosk.searchQuery = "ma"; fakeKiosk.searchResults = tenResults(); fakeKiosk.moreResults = true } },
            { name: "search, nothing found", page: searchPage, keyboard: true, setup: () => { fakeKiosk.searchQuery = "zzz" } },
            { name: "proof", page: proofPage, keyboard: true, setup: () => {} },
            { name: "proof, wrong", page: proofPage, keyboard: true, setup: () => { fakeKiosk.proofRejected = true } },
            { name: "confirm", page: confirmPage, setup: () => {} },
            { name: "checking", page: checkingPage, setup: () => {} },
            { name: "printing", page: printingPage, setup: () => {} },
            { name: "done", page: donePage, setup: () => {} },
            { name: "done, re-entry", page: donePage, setup: () => { fakeKiosk.messageKey = "welcome_back" } },
            { name: "problem, unreachable with retry", page: problemPage,
              setup: () => { fakeKiosk.messageKey = "unreachable"; fakeKiosk.canRetry = true } },
            { name: "staff PIN", page: staffPinPage, setup: () => {} },
            { name: "staff PIN, busy", page: staffPinPage, setup: () => { fakeStaff.busy = true } },
            { name: "staff search, empty", page: staffPage, keyboard: true, setup: () => { fakeStaff.page = StaffController.Home } },
            { name: "staff search", page: staffPage, keyboard: true,
              setup: () => { fakeStaff.page = StaffController.Home; fakeStaff.searchQuery = "ma"; fakeStaff.searchResults = tenResults() } },
            { name: "staff person", page: staffPage, setup: () => { fakeStaff.page = StaffController.Person } },
            { name: "staff person, Cyrillic", page: staffPage,
              setup: () => {
                  fakeStaff.page = StaffController.Person
                  fakeStaff.personName = "Олександра Шевченко-Коваленко"
                  fakeStaff.personLatinName = "Oleksandra Shevchenko-Kovalenko"
              } },
            { name: "staff person, checked in", page: staffPage,
              setup: () => { fakeStaff.page = StaffController.Person; fakeStaff.checkedInAt = "12.05.26 09:14"; fakeStaff.badgePrinted = true } },
            { name: "staff person, checked in, no badge", page: staffPage,
              setup: () => { fakeStaff.page = StaffController.Person; fakeStaff.checkedInAt = "12.05.26 09:14" } },
            { name: "staff printing", page: staffPage, setup: () => { fakeStaff.page = StaffController.Printing } },
            { name: "staff printed", page: staffPage, setup: () => { fakeStaff.page = StaffController.Printed } }
        ]
        for (const key of ["already_checked_in", "cancelled", "unknown_code", "forged_code", "superseded_code",
                           "printer_failed", "proof_failed", "not_registered", "session_full", "outside_time_window",
                           "not_authorised", "unreachable", "scan_again", "other"]) {
            list.push({ name: "problem " + key, page: problemPage, setup: () => { fakeKiosk.messageKey = key } })
        }
        for (const key of ["door_admitted", "door_already_in", "scan_again", "door_left", "not_checked_in", "session_full", "not_registered", "outside_time_window", "already_checked_in",
                           "cancelled", "unknown_code", "forged_code", "superseded_code", "unreachable", "other"]) {
            list.push({ name: "door " + key, page: doorPage, setup: () => { fakeKiosk.doorMode = true; fakeKiosk.messageKey = key } })
        }
        for (const key of ["wrong_pin", "locked_out", "staff_mode_off", "unreachable", "failed"]) {
            list.push({ name: "staff PIN " + key, page: staffPinPage, setup: () => { fakeStaff.messageKey = key } })
        }
        for (const key of ["unreachable", "print_failed", "cancelled", "unknown_code", "other"]) {
            list.push({ name: "staff problem " + key, page: staffPage,
                        setup: () => { fakeStaff.page = StaffController.Problem; fakeStaff.messageKey = key } })
        }
        for (const status of ["ok", "offline", "error"]) {
            list.push({ name: "staff printer " + status, page: staffPage,
                        setup: () => { fakeStaff.page = StaffController.Person; fakeStaff.printerStatus = status } })
        }
        return list
    }

    TestCase {
        name: "KioskLayout"
        when: windowShown

        function isText(item) { return /^QQuickText(_QML_\d+)?\(/.test(item.toString()) }
        function isButton(item) { return /^BigButton(_QMLTYPE_\d+)?(_QML_\d+)?\(/.test(item.toString()) }
        function isPositioner(item) { return /^QQuick(Row|Column|Grid|Flow)(_QML_\d+)?\(/.test(item.toString()) }

        function describe(item) {
            const text = item.text !== undefined ? String(item.text) : ""
            return (isButton(item) ? "button" : isText(item) ? "text" : item.toString())
                   + (text !== "" ? " \"" + text.slice(0, 60) + "\"" : "")
        }
        function show(r) { return "[" + Math.round(r.x) + ", " + Math.round(r.y) + " " + Math.round(r.width) + "×"
                                  + Math.round(r.height) + "]" }
        function outside(box, bounds, vertically) {
            return box.x < bounds.x - 1 || box.x + box.width > bounds.x + bounds.width + 1
                   || (vertically && (box.y < bounds.y - 1 || box.y + box.height > bounds.y + bounds.height + 1))
        }
        // Where a text's letters are, not its whole box: a centred line leaves its box's edges blank.
        function inkOf(text, page) {
            const box = text.mapToItem(page, 0, 0, text.width, text.height)
            const width = Math.min(text.contentWidth, text.width)
            const left = text.effectiveHorizontalAlignment === Text.AlignHCenter ? (text.width - width) / 2
                       : text.effectiveHorizontalAlignment === Text.AlignRight ? text.width - width : 0
            return Qt.rect(box.x + left, box.y, width, Math.min(text.contentHeight, text.height))
        }
        function contains(outer, inner) {
            for (let item = inner; item; item = item.parent) if (item === outer) return true
            return false
        }

        // What on `page` does not fit, one line each.
        function misfits(page) {
            const found = []
            const marks = []  // Texts and buttons that must not overlap: [item, where].
            const whole = Qt.rect(0, 0, page.width, page.height)
            // `reported`: an item this one is inside of already reaches outside.
            const visit = (item, clipper, reported) => {
                if (!item.visible || item.opacity === 0) return
                const box = item.mapToItem(page, 0, 0, item.width, item.height)
                if (!reported && item.width > 0 && item.height > 0) {
                    // Inside a scrolling list, rows beyond its ends are meant to be out of view.
                    const bounds = clipper ? clipper.mapToItem(page, 0, 0, clipper.width, clipper.height) : whole
                    if (outside(box, bounds, !clipper)) {
                        found.push(describe(item) + " at " + show(box) + " reaches outside " + show(bounds))
                        reported = true
                    }
                }
                if (isText(item) && item.text !== "") {
                    if (item.truncated && item.elide === Text.ElideNone) found.push(describe(item) + " is cut short")
                    if (item.contentWidth > item.width + 1 || item.contentHeight > item.height + 1) {
                        found.push(describe(item) + " needs " + Math.round(item.contentWidth) + "×" + Math.round(item.contentHeight)
                                   + " but has " + Math.round(item.width) + "×" + Math.round(item.height))
                    }
                    const parent = item.parent
                    if (parent && parent !== page && !isPositioner(parent) && parent.width > 0
                        && outside(box, parent.mapToItem(page, 0, 0, parent.width, parent.height), true)) {
                        found.push(describe(item) + " at " + show(box) + " spills out of its " + describe(parent))
                    }
                    if (!isButton(parent)) marks.push([item, inkOf(item, page)])
                }
                if (isButton(item)) marks.push([item, box])
                const inner = item.clip ? item : clipper
                for (let i = 0; i < item.children.length; ++i) visit(item.children[i], inner, reported)
            }
            visit(page, null, false)
            for (let i = 0; i < marks.length; ++i) {
                for (let j = i + 1; j < marks.length; ++j) {
                    const [a, ra] = marks[i]
                    const [b, rb] = marks[j]
                    if (contains(a, b) || contains(b, a)) continue
                    const overlapX = Math.min(ra.x + ra.width, rb.x + rb.width) - Math.max(ra.x, rb.x)
                    const overlapY = Math.min(ra.y + ra.height, rb.y + rb.height) - Math.max(ra.y, rb.y)
                    if (overlapX > 1 && overlapY > 1) found.push(describe(a) + " and " + describe(b) + " overlap")
                }
            }
            return found
        }

        function texts(item) {
            let found = isText(item) && item.text !== "" ? [item.text] : []
            for (let i = 0; i < item.children.length; ++i) found = found.concat(texts(item.children[i]))
            return found
        }

        // The server's default category labels show in the delegate's language; an event's own
        // label shows as the organisers wrote it.
        function test_categoryLabelsShowInTheLanguage() {
            verify(kioskTranslator.use("uk"))
            fillWithLongest()
            let page = createTemporaryObject(confirmPage, root)
            verify(texts(page).indexOf("Представник(ця) громади") >= 0, texts(page).join(" | "))
            page = createTemporaryObject(staffPage, root)
            verify(texts(page).indexOf("Представник(ця) громади") >= 0, texts(page).join(" | "))
            fakeKiosk.categoryLabel = "Mayor's guest"
            page = createTemporaryObject(confirmPage, root)
            verify(texts(page).indexOf("Mayor's guest") >= 0, texts(page).join(" | "))
        }

        // The smallest screen the kiosk is laid out for, and the commonest larger one.
        function test_everyPageFits_data() {
            const rows = []
            for (const size of [[1280, 800], [1920, 1080]]) {
                for (const language of fakeKiosk.languages) {
                    rows.push({ tag: language + " " + size[0] + "×" + size[1], language: language, width: size[0], height: size[1] })
                }
            }
            return rows
        }

        function test_everyPageFits(data) {
            verify(kioskTranslator.use(data.language), "no translation for " + data.language)
            fakeKiosk.language = data.language
            root.width = data.width
            root.height = data.height
            verify(keyboard.height > 100, "the on-screen keyboard has a height")
            const problems = []
            for (const screen of root.screens) {
                fillWithLongest()
                screen.setup()
                const height = screen.keyboard ? root.height - keyboard.height : root.height
                const page = createTemporaryObject(screen.page, root, { width: root.width, height: height })
                verify(page !== null, screen.name)
                waitForRendering(page)
                for (const misfit of misfits(page)) problems.push(screen.name + " (" + root.width + "×" + height + "): " + misfit)
                if (layoutShotsDir !== "") grabImage(page).save(layoutShotsDir + "/" + data.tag + " " + screen.name + ".png")
                page.destroy()
            }
            for (const problem of problems) console.log(data.tag + ", " + problem)
            verify(problems.length === 0, problems.length + " misfits in " + data.tag + ", listed above")
        }
    }
}
