<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard check-in</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Welcome!</source>
        <translation>Welcome!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Scan the QR code from your confirmation e-mail under the scanner.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>No QR code? Please go to the help desk.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Is this you?</source>
        <translation>Is this you?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Yes, print my badge</source>
        <translation>Yes, print my badge</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>No, this is not me</source>
        <translation>No, this is not me</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Printing your badge…</source>
        <translation>Printing your badge…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>One moment, please…</source>
        <translation>One moment, please…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Your badge will come out of the printer below.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Welcome back!</source>
        <translation>Welcome back!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Please take your badge.</source>
        <translation>Please take your badge.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, you are checked in. Enjoy the conference!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are already checked in</source>
        <translation>You are already checked in</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This registration is cancelled</source>
        <translation>This registration is cancelled</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>We do not know this code</source>
        <translation>We do not know this code</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code is not valid</source>
        <translation>This code is not valid</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code has been replaced</source>
        <translation>This code has been replaced</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Your badge could not be printed</source>
        <translation>Your badge could not be printed</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>The check-in server cannot be reached</source>
        <translation>The check-in server cannot be reached</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Checked in: %1. For a second badge, please go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>For a second badge, please go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>A newer badge was issued for you. Please scan the newest code or go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>You are checked in. Please go to the help desk for your badge.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Please try again in a moment, or go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Please go to the help desk. We will help you there.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
</TS>
