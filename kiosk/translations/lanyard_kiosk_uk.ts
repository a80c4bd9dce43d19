<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – реєстрація</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Connecting to the server…</source>
        <translation>Підключення до сервера…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Welcome!</source>
        <translation>Ласкаво просимо!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Відскануйте під сканером QR-код із листа-підтвердження.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Немає QR-коду? Зверніться, будь ласка, до інформаційної стійки.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Is this you?</source>
        <translation>Це ви?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Yes, print my badge</source>
        <translation>Так, надрукувати мій бейдж</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>No, this is not me</source>
        <translation>Ні, це не я</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Printing your badge…</source>
        <translation>Друкуємо ваш бейдж…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>One moment, please…</source>
        <translation>Хвилинку, будь ласка…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Бейдж вийде з принтера внизу.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Welcome back!</source>
        <translation>З поверненням!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Please take your badge.</source>
        <translation>Будь ласка, візьміть свій бейдж.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, вас зареєстровано. Приємної конференції!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are already checked in</source>
        <translation>Ви вже зареєстровані</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This registration is cancelled</source>
        <translation>Цю реєстрацію скасовано</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>We do not know this code</source>
        <translation>Цей код нам невідомий</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code is not valid</source>
        <translation>Цей код недійсний</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code has been replaced</source>
        <translation>Цей код замінено новим</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Your badge could not be printed</source>
        <translation>Не вдалося надрукувати ваш бейдж</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>The check-in server cannot be reached</source>
        <translation>Сервер реєстрації недоступний</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Something went wrong</source>
        <translation>Щось пішло не так</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Реєстрація: %1. Щоб отримати другий бейдж, зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Щоб отримати другий бейдж, зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Вам видано новіший бейдж. Відскануйте найновіший код або зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Вас зареєстровано. По бейдж зверніться, будь ласка, до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Спробуйте ще раз за мить або зверніться до інформаційної стійки.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Зверніться, будь ласка, до інформаційної стійки — там вам допоможуть.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Try again</source>
        <translation>Спробувати ще раз</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Start over</source>
        <translation>Почати спочатку</translation>
    </message>
</context>
</TS>
