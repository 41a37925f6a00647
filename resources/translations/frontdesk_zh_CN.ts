<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CrashDialog</name>
    <message>
        <source>Front desk</source>
        <translation>物业前台</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. What you were doing may not have been saved; please check it and try again.</source>
        <translation>程序内部出现错误。您刚才的操作可能没有保存，请检查后重试。</translation>
    </message>
    <message>
        <source>The details were written to the log file:</source>
        <translation>详细信息已写入日志文件：</translation>
    </message>
</context>
<context>
    <name>DemoAccountsModel</name>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Hello, {name}</source>
        <translation>{name}，您好</translation>
    </message>
    <message>
        <source>Demo mode: this is practice data, not the office&apos;s database.</source>
        <translation>演示模式：这里是练习数据，不是物业服务中心的正式数据库。</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>当前登录</translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation>员工：</translation>
    </message>
    <message>
        <source>{name} ({staff_no})</source>
        <translation>{name}（{staff_no}）</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Desk:</source>
        <translation>服务台：</translation>
    </message>
    <message>
        <source>Estate:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Since:</source>
        <translation>登录时间：</translation>
    </message>
    <message>
        <source>after {minutes} minutes without input</source>
        <translation>无操作 {minutes} 分钟后</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Automatic log-out:</source>
        <translation>自动退出登录：</translation>
    </message>
    <message>
        <source>This installation</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite 数据库文件</translation>
    </message>
    <message>
        <source>database server</source>
        <translation>数据库服务器</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>日志文件：</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>This home page</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Log out and quit</source>
        <translation>退出登录并关闭程序</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Confirm (OK, save, log in)</source>
        <translation>确认（确定、保存、登录）</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel, close the dialog</source>
        <translation>取消、关闭对话框</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一个 / 上一个输入框</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Front desk — log in</source>
        <translation>物业前台 — 登录</translation>
    </message>
    <message>
        <source>{title} (demo)</source>
        <translation>{title}（演示）</translation>
    </message>
    <message>
        <source>Desk: {desk}</source>
        <translation>服务台：{desk}</translation>
    </message>
    <message>
        <source>Log in with your own staff number.</source>
        <translation>请使用您本人的工号登录。</translation>
    </message>
    <message>
        <source>e.g. C001</source>
        <translation>例如 C001</translation>
    </message>
    <message>
        <source>&amp;Staff number:</source>
        <translation>工号(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>frontdesk {version}</source>
        <translation>frontdesk {version}</translation>
    </message>
    <message>
        <source>Demo mode: practice data only. Choose an account to fill in the fields.</source>
        <translation>演示模式：仅有练习数据。点选一个账号即可填入工号和密码。</translation>
    </message>
    <message>
        <source>Enter your staff number and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Login failed because of an unexpected error: {error}</source>
        <translation>登录时发生意外错误：{error}</translation>
    </message>
    <message>
        <source>There is no administrator account yet. Ask your IT person to create one on this computer with:</source>
        <translation>还没有管理员账号。请 IT 人员在本机运行以下命令创建：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Home</source>
        <translation>首页(&amp;H)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>关闭程序(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;creens</source>
        <translation>功能(&amp;C)</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Desk: {desk}</source>
        <translation>服务台：{desk}</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>{name} ({staff_no})</source>
        <translation>{name}（{staff_no}）</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>物业前台</translation>
    </message>
    <message>
        <source>[DEMO] {title}</source>
        <translation>【演示】{title}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Reception clerk</source>
        <translation>客服专员</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>You were logged out after {minutes} minutes without input.</source>
        <translation>由于 {minutes} 分钟无操作，已自动退出登录。</translation>
    </message>
    <message>
        <source>{name} has logged out.</source>
        <translation>{name} 已退出登录。</translation>
    </message>
    <message>
        <source>The log-out could not be recorded: {error}</source>
        <translation>退出登录未能记录：{error}</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The settings file contains a mistake:</source>
        <translation>设置文件有误：</translation>
    </message>
    <message>
        <source>Correct the setting (or remove it to use the default) and start again.</source>
        <translation>请改正该设置（或删除它以使用默认值）后重新启动。</translation>
    </message>
    <message>
        <source>The database cannot be used:</source>
        <translation>数据库无法使用：</translation>
    </message>
    <message>
        <source>Check the database file or server and start again.</source>
        <translation>请检查数据库文件或数据库服务器后重新启动。</translation>
    </message>
    <message>
        <source>The program cannot start:</source>
        <translation>程序无法启动：</translation>
    </message>
    <message>
        <source>An unexpected error stopped the program:</source>
        <translation>意外错误导致程序无法启动：</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>日志文件：</translation>
    </message>
    <message>
        <source>Front desk cannot start</source>
        <translation>物业前台无法启动</translation>
    </message>
</context>
</TS>
