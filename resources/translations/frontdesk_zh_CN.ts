<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BillsModel</name>
    <message>
        <source>{item} (paid ahead)</source>
        <translation>{item}（预交）</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>缴费期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Reschedule a home visit</source>
        <translation>上门收费改期</translation>
    </message>
    <message>
        <source>Book a home visit</source>
        <translation>预约上门收费</translation>
    </message>
    <message>
        <source>No household chosen yet.</source>
        <translation>尚未选择住户。</translation>
    </message>
    <message>
        <source>{household}, now booked for {when} with {who}</source>
        <translation>{household}，原定 {when}，上门人员 {who}</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>住户(&amp;H)：</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>住户：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Household #{id}</source>
        <translation>住户 #{id}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Choose the household first: type the room or the owner&apos;s name, Enter.</source>
        <translation>请先选择住户：输入房号或业主姓名，按回车。</translation>
    </message>
    <message>
        <source>Expected amount: {error}</source>
        <translation>预计金额：{error}</translation>
    </message>
</context>
<context>
    <name>BookingCheck</name>
    <message>
        <source>Choose the household to check the booking.</source>
        <translation>选择住户后检查预约。</translation>
    </message>
    <message>
        <source>The office is closed on {day}: choose a working day.</source>
        <translation>{day} 不办公：请选择工作日。</translation>
    </message>
    <message>
        <source>Same-day booking: give the reason; the visit is marked as such.</source>
        <translation>当天（临时）预约：请填写原因，该上门将标记为当天预约。</translation>
    </message>
    <message>
        <source>Booked ahead (not a same-day visit).</source>
        <translation>已提前预约（非当天预约）。</translation>
    </message>
    <message>
        <source>Clashes with {who}&apos;s other visits ({n} min travel either side):</source>
        <translation>与 {who} 的其他上门时间冲突（前后各含路上 {n} 分钟）：</translation>
    </message>
    <message>
        <source>No clash with {who}&apos;s other visits.</source>
        <translation>与 {who} 的其他上门时间不冲突。</translation>
    </message>
</context>
<context>
    <name>CallsModel</name>
    <message>
        <source>To call</source>
        <translation>待拨打</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>With a supervisor</source>
        <translation>转主管</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴清</translation>
    </message>
    <message>
        <source>Promise broken</source>
        <translation>未守约</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝缴费</translation>
    </message>
    <message>
        <source>Says already paid</source>
        <translation>称已缴费</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>承诺缴费</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Call at</source>
        <translation>拨打时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last outcome</source>
        <translation>上次结果</translation>
    </message>
</context>
<context>
    <name>CallsScreen</name>
    <message>
        <source>To call</source>
        <translation>待拨打</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>With a supervisor</source>
        <translation>转主管</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Overdue-fee calls</source>
        <translation>催缴电话</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>&amp;Plan calls</source>
        <translation>生成催缴名单(&amp;P)</translation>
    </message>
    <message>
        <source>Build the call list from the arrears (households already listed are kept)</source>
        <translation>根据欠费生成催缴名单（已在名单中的住户保持不变）</translation>
    </message>
    <message>
        <source>&amp;Letters…</source>
        <translation>催缴通知单(&amp;L)…</translation>
    </message>
    <message>
        <source>Save overdue-fee notices (PDF) for the owners the calls could not reach</source>
        <translation>为电话联系不上的业主保存催缴通知单（PDF）</translation>
    </message>
    <message>
        <source>Choose a call to see what to tell the owner.</source>
        <translation>选择一个催缴任务，查看要告知业主的内容。</translation>
    </message>
    <message>
        <source>Outcome of the call</source>
        <translation>通话结果</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <source>Promised &amp;date:</source>
        <translation>承诺日期(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. 896.00</source>
        <translation>例如 896.00</translation>
    </message>
    <message>
        <source>Promised &amp;amount:</source>
        <translation>承诺金额(&amp;A)：</translation>
    </message>
    <message>
        <source>Needed when calling outside the calling window</source>
        <translation>在通话时段以外拨打时必填</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Record call</source>
        <translation>记录通话</translation>
    </message>
    <message>
        <source>Book a home &amp;visit…</source>
        <translation>预约上门收费(&amp;V)…</translation>
    </message>
    <message>
        <source>The owner will pay at home: book a fee-collection visit</source>
        <translation>业主在家缴费：预约上门收费</translation>
    </message>
    <message>
        <source>&amp;Close call</source>
        <translation>关闭任务(&amp;C)</translation>
    </message>
    <message>
        <source>A supervisor closes the call; the note says why</source>
        <translation>由主管关闭任务，备注写明处理情况</translation>
    </message>
    <message>
        <source>{count} call(s), {amount} owed</source>
        <translation>共 {count} 个任务，欠费 {amount}</translation>
    </message>
    <message>
        <source>{owner} · room {room}</source>
        <translation>{owner} · 房号 {room}</translation>
    </message>
    <message>
        <source>Phone: {phones}</source>
        <translation>电话：{phones}</translation>
    </message>
    <message>
        <source>Overdue bills:</source>
        <translation>逾期账单：</translation>
    </message>
    <message>
        <source> + late fee {fee}</source>
        <translation> + 滞纳金 {fee}</translation>
    </message>
    <message>
        <source>  (nothing overdue any more)</source>
        <translation>  （已无逾期欠费）</translation>
    </message>
    <message>
        <source>Total: {total}</source>
        <translation>合计：{total}</translation>
    </message>
    <message>
        <source>Promised: {amount} by {day}</source>
        <translation>承诺：{day} 前缴 {amount}</translation>
    </message>
    <message>
        <source>Earlier attempts:</source>
        <translation>以往通话：</translation>
    </message>
    <message>
        <source>The calling-window settings leave no time.</source>
        <translation>通话时段设置有误，没有可拨打的时间。</translation>
    </message>
    <message>
        <source>Calling window: open now.</source>
        <translation>通话时段：现在可以拨打。</translation>
    </message>
    <message>
        <source>Calling window: closed now (opens {when}); a call now needs a reason.</source>
        <translation>通话时段：现在不宜拨打（{when} 起可拨打）；现在拨打须填写原因。</translation>
    </message>
    <message>
        <source>Recorded for {room}: {outcome} — now {status}.</source>
        <translation>已记录 {room}：{outcome}，现为「{status}」。</translation>
    </message>
    <message>
        <source>{created} call(s) added; {listed} already listed, {promised} with a promise not yet due, {visits} with a home visit booked.</source>
        <translation>新增 {created} 个催缴任务；已在名单中 {listed} 户，承诺未到期 {promised} 户，已约上门 {visits} 户。</translation>
    </message>
    <message>
        <source>Call for {room} closed.</source>
        <translation>{room} 的催缴任务已关闭。</translation>
    </message>
    <message>
        <source>The home-visit screen is not available to you.</source>
        <translation>您无法使用上门收费屏幕。</translation>
    </message>
    <message>
        <source>Save overdue-fee notices</source>
        <translation>保存催缴通知单</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{pages} notice(s) saved.</source>
        <translation>已保存 {pages} 份催缴通知单。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情请查看日志文件。</translation>
    </message>
</context>
<context>
    <name>CancelPage</name>
    <message>
        <source>Required, e.g. owner paid at the counter</source>
        <translation>必填，例如：业主已到前台缴费</translation>
    </message>
    <message>
        <source>Re&amp;ason:</source>
        <translation>原因(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>CashierScreen</name>
    <message>
        <source>Find the household</source>
        <translation>查找住户</translation>
    </message>
    <message>
        <source>What is due</source>
        <translation>应收费用</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Cash drawer: not open at this desk. Cash cannot be taken.</source>
        <translation>钱箱：本前台尚未开班，不能收现金。</translation>
    </message>
    <message>
        <source>Cash drawer: open since {date} ({who}), holds {amount}.</source>
        <translation>钱箱：{date} 开班（{who}），应有 {amount}。</translation>
    </message>
    <message>
        <source>Receipt issued</source>
        <translation>已开票据</translation>
    </message>
    <message>
        <source>Recording the payment…</source>
        <translation>正在保存收款……</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} issued: {total}.</source>
        <translation>已开票据 {receipt_no}：实收 {total}。</translation>
    </message>
    <message>
        <source>Give change {amount}: {pieces}.</source>
        <translation>找零 {amount}：{pieces}。</translation>
    </message>
    <message>
        <source>Unexpected error ({kind}); see the log file.</source>
        <translation>意外错误（{kind}），详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>CollectedPage</name>
    <message>
        <source>Transaction number (required for a bank transfer)</source>
        <translation>交易流水号（银行转账必填）</translation>
    </message>
    <message>
        <source>Loading the open bills…</source>
        <translation>正在读取未缴账单…</translation>
    </message>
    <message>
        <source>Paid &amp;with:</source>
        <translation>收款方式(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>参考号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Bills:</source>
        <translation>账单(&amp;B)：</translation>
    </message>
    <message>
        <source> + late fee {fee}</source>
        <translation> + 滞纳金 {fee}</translation>
    </message>
    <message>
        <source>The household has no open bills: nothing to collect.</source>
        <translation>该住户没有未缴账单，无需收费。</translation>
    </message>
    <message>
        <source>To collect: {amount}</source>
        <translation>应收：{amount}</translation>
    </message>
    <message>
        <source> (due {due}, rounded for cash)</source>
        <translation>（应缴 {due}，现金取整）</translation>
    </message>
</context>
<context>
    <name>ConfirmPaymentDialog</name>
    <message>
        <source>Confirm the payment</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <source>Confirm the amount with the owner, then press Enter.</source>
        <translation>请与业主确认金额，然后按回车键。</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>住户：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>应收：</translation>
    </message>
    <message>
        <source>Cash rounding:</source>
        <translation>现金取整：</translation>
    </message>
    <message>
        <source>To prepayment:</source>
        <translation>存入预存款：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>实收合计：</translation>
    </message>
    <message>
        <source>Paid by:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <source>Cash received:</source>
        <translation>收现金：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>找零：</translation>
    </message>
    <message>
        <source>Complete (Enter)</source>
        <translation>完成收款（回车）</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回（Esc）</translation>
    </message>
</context>
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
    <name>Denominations</name>
    <message>
        <source>¥100 note</source>
        <translation>100元</translation>
    </message>
    <message>
        <source>¥50 note</source>
        <translation>50元</translation>
    </message>
    <message>
        <source>¥20 note</source>
        <translation>20元</translation>
    </message>
    <message>
        <source>¥10 note</source>
        <translation>10元</translation>
    </message>
    <message>
        <source>¥5 note</source>
        <translation>5元</translation>
    </message>
    <message>
        <source>¥1 note</source>
        <translation>1元(纸币)</translation>
    </message>
    <message>
        <source>¥1 coin</source>
        <translation>1元(硬币)</translation>
    </message>
    <message>
        <source>5 jiao coin</source>
        <translation>5角</translation>
    </message>
    <message>
        <source>1 jiao coin</source>
        <translation>1角</translation>
    </message>
    <message>
        <source>over {amount}</source>
        <translation>长款 {amount}</translation>
    </message>
    <message>
        <source>short {amount}</source>
        <translation>短款 {amount}</translation>
    </message>
    <message>
        <source>no difference</source>
        <translation>无差额</translation>
    </message>
</context>
<context>
    <name>DeskChooser</name>
    <message>
        <source>This desk ({desk})</source>
        <translation>本前台（{desk}）</translation>
    </message>
    <message>
        <source>Field collection ({desk})</source>
        <translation>{desk}（外勤交款）</translation>
    </message>
    <message>
        <source>A supervisor counts and closes the cash the field staff hand in here.</source>
        <translation>外勤人员交回的现金由主管在此清点并日结。</translation>
    </message>
    <message>
        <source>Dra&amp;wer:</source>
        <translation>钱箱(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>DrawerScreen</name>
    <message>
        <source>Cash drawer at desk {desk}</source>
        <translation>{desk} 钱箱</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Open the drawer</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Count the float by denomination (Enter goes down a row), then open the drawer.</source>
        <translation>按面额清点备用金（回车到下一行），然后开班。</translation>
    </message>
    <message>
        <source>&amp;Open drawer</source>
        <translation>开班(&amp;O)</translation>
    </message>
    <message>
        <source>Day-close report</source>
        <translation>日结报表</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Show &amp;report</source>
        <translation>查看报表(&amp;R)</translation>
    </message>
    <message>
        <source>The day-close report appears here (a supervisor&apos;s to see).</source>
        <translation>日结报表显示在这里（需主管查看）。</translation>
    </message>
    <message>
        <source>In the drawer now</source>
        <translation>钱箱现有</translation>
    </message>
    <message>
        <source>Cash in / out</source>
        <translation>现金存取</translation>
    </message>
    <message>
        <source>Cash out (e.g. to the bank)</source>
        <translation>取出（例如存银行）</translation>
    </message>
    <message>
        <source>Cash in (e.g. more change)</source>
        <translation>存入（例如补充零钱）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>e.g. paid into the bank</source>
        <translation>例如：存银行</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <source>Record cash &amp;in/out</source>
        <translation>登记存取(&amp;I)</translation>
    </message>
    <message>
        <source>Field collection cash ({desk})</source>
        <translation>{desk}现金（外勤交款）</translation>
    </message>
    <message>
        <source>Count the cash handed in</source>
        <translation>清点交回的现金</translation>
    </message>
    <message>
        <source>&amp;Close the field cash</source>
        <translation>上门收费日结(&amp;C)</translation>
    </message>
    <message>
        <source>Day close: count the drawer</source>
        <translation>日结：清点钱箱</translation>
    </message>
    <message>
        <source>&amp;Count every denomination:</source>
        <translation>逐项清点各面额(&amp;C)：</translation>
    </message>
    <message>
        <source>Needed when the count differs</source>
        <translation>有差额时必填</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Close the day</source>
        <translation>日结(&amp;C)</translation>
    </message>
    <message>
        <source>No field cash is waiting to be handed in. The field desk&apos;s session opens itself with the first cash collected at a home visit.</source>
        <translation>目前没有待交的上门收费现金。第一笔上门现金收款时，上门收费钱箱会自动开班。</translation>
    </message>
    <message>
        <source>The drawer at this desk is not open. Count the float to open it.</source>
        <translation>本前台钱箱尚未开班。请清点备用金后开班。</translation>
    </message>
    <message>
        <source>Field cash since {time} (first collected by {staff_no}), business day {day}: {amount} should be handed in.</source>
        <translation>自 {time} 起的上门收费现金（首笔由 {staff_no} 收取），营业日 {day}：应交 {amount}。</translation>
    </message>
    <message>
        <source>It is from an earlier day: count it and close it.</source>
        <translation>这是以前营业日的现金：请清点并日结。</translation>
    </message>
    <message>
        <source>Open since {time} by {staff_no}, business day {day}; it should hold {amount}.</source>
        <translation>{staff_no} 于 {time} 开班，营业日 {day}；应有现金 {amount}。</translation>
    </message>
    <message>
        <source>It is from an earlier day: close it before taking cash today.</source>
        <translation>这是以前营业日的钱箱：请先日结，再收今天的现金。</translation>
    </message>
    <message>
        <source>To be handed in</source>
        <translation>应交现金</translation>
    </message>
    <message>
        <source>The drawer is open with a float of {amount}.</source>
        <translation>已开班，备用金 {amount}。</translation>
    </message>
    <message>
        <source>Put {amount} into the drawer ({reason}).</source>
        <translation>已存入 {amount}（{reason}）。</translation>
    </message>
    <message>
        <source>Took {amount} out of the drawer ({reason}).</source>
        <translation>已取出 {amount}（{reason}）。</translation>
    </message>
    <message>
        <source>Expected {expected}, counted {counted}: {difference}.</source>
        <translation>应有 {expected}，实点 {counted}：{difference}。</translation>
    </message>
    <message>
        <source>{summary} A difference of more than {tolerance} needs a note saying why and a supervisor&apos;s approval.</source>
        <translation>{summary}差额超过 {tolerance}，需要填写说明并由主管批准。</translation>
    </message>
    <message>
        <source>{summary} This is more than the {tolerance} allowed, so a supervisor must approve the day close. After it the desk takes no more cash today.</source>
        <translation>{summary}超过允许的差额 {tolerance}，日结需要主管批准。日结后本前台今天不再收现金。</translation>
    </message>
    <message>
        <source>Approve the drawer difference</source>
        <translation>批准钱箱差额</translation>
    </message>
    <message>
        <source>Close the field cash handed in? {summary}</source>
        <translation>确定日结交回的上门收费现金吗？{summary}</translation>
    </message>
    <message>
        <source>The next cash collected at a home visit opens a new session.</source>
        <translation>下一笔上门现金收款会自动开新的班次。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Close the drawer for today? {summary}</source>
        <translation>确定今天日结吗？{summary}</translation>
    </message>
    <message>
        <source>After the day close this desk takes no more cash today.</source>
        <translation>日结后本前台今天不再收现金。</translation>
    </message>
    <message>
        <source>The field cash of {day} is closed: expected {expected}, counted {counted}, {difference}.</source>
        <translation>{day} 的上门收费现金已日结：应有 {expected}，实点 {counted}，{difference}。</translation>
    </message>
    <message>
        <source>The day is closed for {day}: expected {expected}, counted {counted}, {difference}.</source>
        <translation>{day} 已日结：应有 {expected}，实点 {counted}，{difference}。</translation>
    </message>
    <message>
        <source>Day close {day} · desk {desk}</source>
        <translation>日结 {day} · {desk}</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>面额</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Expected {expected} · counted {counted} · {difference}</source>
        <translation>应有 {expected} · 实点 {counted} · {difference}</translation>
    </message>
    <message>
        <source>Difference approved by {staff_no}</source>
        <translation>差额批准：{staff_no}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>说明：{note}</translation>
    </message>
    <message>
        <source>The full day-close report (totals by method and fee item, receipt numbers, voids, refunds) is a supervisor&apos;s to see: press Show report.</source>
        <translation>完整的日结报表（按收费方式和收费项目的合计、票据号、作废、退款）需主管查看：请按“查看报表”。</translation>
    </message>
    <message>
        <source>The day-close report of {day} is a supervisor&apos;s to see: a supervisor authorises showing it.</source>
        <translation>{day} 的日结报表需主管查看：请主管授权。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>DuesPanel</name>
    <message>
        <source>Space selects or deselects the highlighted bill.</source>
        <translation>空格键选中或取消选中当前账单。</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Months to pay ahead, after the last month billed</source>
        <translation>在最后一个已出账月份之后预交的月数</translation>
    </message>
    <message>
        <source>Pay a&amp;head:</source>
        <translation>预交(&amp;H)：</translation>
    </message>
    <message>
        <source>Amount due:</source>
        <translation>应收金额：</translation>
    </message>
    <message>
        <source>No household chosen: find one above.</source>
        <translation>尚未选择住户：请在上方查找。</translation>
    </message>
    <message>
        <source>vacant</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>Arrears {arrears} ({bills} bills) · late fees {late} · prepayment balance {credit}</source>
        <translation>欠费 {arrears}（{bills} 笔）· 滞纳金 {late} · 预存款余额 {credit}</translation>
    </message>
    <message>
        <source>(cash {amount})</source>
        <translation>（现金 {amount}）</translation>
    </message>
    <message>
        <source>Nothing is owed. Months can be paid ahead.</source>
        <translation>没有欠费，可以预交。</translation>
    </message>
    <message>
        <source>No bill is selected.</source>
        <translation>没有选中任何账单。</translation>
    </message>
    <message>
        <source>{item} {periods}</source>
        <translation>{item} {periods}</translation>
    </message>
    <message>
        <source>(ahead)</source>
        <translation>（预交）</translation>
    </message>
    <message>
        <source>{standard} × {months} months</source>
        <translation>{standard} × {months} 个月</translation>
    </message>
    <message>
        <source>+ late fee {amount}</source>
        <translation>+ 滞纳金 {amount}</translation>
    </message>
</context>
<context>
    <name>FeeItemsModel</name>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Day {day}</source>
        <translation>每月 {day} 日</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>Rate today</source>
        <translation>现行标准</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>缴费日</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
</context>
<context>
    <name>FeeKinds</name>
    <message>
        <source>Per m² per month</source>
        <translation>按面积/月</translation>
    </message>
    <message>
        <source>Fixed per month</source>
        <translation>固定/月</translation>
    </message>
    <message>
        <source>One-off</source>
        <translation>一次性</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>不收</translation>
    </message>
    <message>
        <source>After {grace} days: {bp}/10,000 a day, at most {cap}%</source>
        <translation>逾期 {grace} 天后每日万分之 {bp}，最多 {cap}%</translation>
    </message>
</context>
<context>
    <name>FeesScreen</name>
    <message>
        <source>Fees and bills</source>
        <translation>收费标准与账单</translation>
    </message>
    <message>
        <source>Fee items (fee standards)</source>
        <translation>收费项目（收费标准）</translation>
    </message>
    <message>
        <source>Rate history of the selected item</source>
        <translation>所选项目的标准历史</translation>
    </message>
    <message>
        <source>e.g. 2.80</source>
        <translation>例如 2.80</translation>
    </message>
    <message>
        <source>Set &amp;new rate</source>
        <translation>设置新标准(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;rate (¥):</source>
        <translation>新标准(&amp;R)（元）：</translation>
    </message>
    <message>
        <source>In force from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <source>Add a fee item</source>
        <translation>新增收费项目</translation>
    </message>
    <message>
        <source>e.g. WYF</source>
        <translation>例如 WYF</translation>
    </message>
    <message>
        <source>e.g. Property management fee</source>
        <translation>例如 物业管理费</translation>
    </message>
    <message>
        <source>¥ per unit, e.g. 2.50</source>
        <translation>每单位元数，例如 2.50</translation>
    </message>
    <message>
        <source>Charge a late fee</source>
        <translation>收取滞纳金</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> /10,000 a day</source>
        <translation> /万 每日</translation>
    </message>
    <message>
        <source>&amp;Add fee item</source>
        <translation>新增项目(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>计费方式：</translation>
    </message>
    <message>
        <source>Rate (¥):</source>
        <translation>标准（元）：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <source>Due day:</source>
        <translation>缴费日：</translation>
    </message>
    <message>
        <source>Grace:</source>
        <translation>宽限：</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>日费率：</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>上限：</translation>
    </message>
    <message>
        <source>Generate bills</source>
        <translation>生成账单</translation>
    </message>
    <message>
        <source>Bills the month for every occupied household and every monthly fee item. Running it again never bills twice.</source>
        <translation>为所有在住住户按每个月度收费项目生成该月账单。重复生成不会重复计费。</translation>
    </message>
    <message>
        <source>&amp;Period (YYYY-MM):</source>
        <translation>账期(&amp;P)（YYYY-MM）：</translation>
    </message>
    <message>
        <source>&amp;Generate bills</source>
        <translation>生成账单(&amp;G)</translation>
    </message>
    <message>
        <source>Fee item {code} {name} added: {rate} from {date}.</source>
        <translation>已新增收费项目 {code} {name}：{rate}，自 {date} 起。</translation>
    </message>
    <message>
        <source>{name} ({code}): {rate} from {date}; bills already made keep theirs.</source>
        <translation>{name}（{code}）：自 {date} 起 {rate}；已生成的账单不变。</translation>
    </message>
    <message>
        <source>Generating bills…</source>
        <translation>正在生成账单…</translation>
    </message>
    <message>
        <source>{period}: {created} bill(s) created, {already} already billed ({households} occupied household(s)).</source>
        <translation>{period}：新生成 {created} 张账单，{already} 项此前已生成（在住住户 {households} 户）。</translation>
    </message>
    <message>
        <source>Everything was already billed: nothing new.</source>
        <translation>全部已生成过，没有新账单。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>FloatBox</name>
    <message>
        <source>Change to take</source>
        <translation>备零钱</translation>
    </message>
    <message>
        <source>Choose a person and a day to plan the change they take.</source>
        <translation>请选择人员和日期，计算需要准备的零钱。</translation>
    </message>
    <message>
        <source>No visits to take change for on this day.</source>
        <translation>当天没有需要备零钱的上门收费。</translation>
    </message>
</context>
<context>
    <name>FloatPanel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Likely handed over</source>
        <translation>预计业主给付</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>No float planned.</source>
        <translation>尚未计算备用零钱。</translation>
    </message>
    <message>
        <source>Owners are expected to pay with notes: each amount rounded up to the next {unit}.</source>
        <translation>按业主用整钞付款估算：每笔金额向上取整到 {unit}。</translation>
    </message>
    <message>
        <source>No visit with an amount due: no change needed.</source>
        <translation>没有需要收费的上门，无需备零钱。</translation>
    </message>
    <message>
        <source>Every amount is a round sum: no change needed.</source>
        <translation>每笔金额都是整数，无需备零钱。</translation>
    </message>
    <message>
        <source>Take: {pieces}</source>
        <translation>需带：{pieces}</translation>
    </message>
    <message>
        <source>Float: {total} in {count} piece(s), for {visits} visit(s)</source>
        <translation>备用零钱：{total}，共 {count} 张/枚，用于 {visits} 次上门</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{piece} × {count}</source>
        <translation>{piece} × {count}</translation>
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
    <name>HouseholdSearchModel</name>
    <message>
        <source>vacant</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
    <name>MatterLabels</name>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Phone message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Other channel</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安保</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>环境卫生</translation>
    </message>
    <message>
        <source>Parking</source>
        <translation>停车</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪音</translation>
    </message>
    <message>
        <source>Renovation</source>
        <translation>装修</translation>
    </message>
    <message>
        <source>Staff conduct</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Called back</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Simple</source>
        <translation>简单</translation>
    </message>
    <message>
        <source>Complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Could not reach</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Taken on</source>
        <translation>接手</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>转交</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
</context>
<context>
    <name>MatterStatus</name>
    <message>
        <source>Matters: {overdue} overdue · {soon} due soon · {callbacks} call-backs due</source>
        <translation>工单：已超时 {overdue} · 即将到期 {soon} · 待回访 {callbacks}</translation>
    </message>
    <message>
        <source>Open the matters screen (F7)</source>
        <translation>打开工单界面（F7）</translation>
    </message>
    <message>
        <source>Unread messages: {n}</source>
        <translation>未读留言：{n}</translation>
    </message>
    <message>
        <source>Open my messages</source>
        <translation>打开我的留言</translation>
    </message>
    <message>
        <source>You have {n} unread messages (Shift+F7).</source>
        <translation>您有 {n} 条未读留言（Shift+F7）。</translation>
    </message>
    <message>
        <source>Standard phrases</source>
        <translation>服务用语</translation>
    </message>
</context>
<context>
    <name>MatterSummaryScreen</name>
    <message>
        <source>Matters summary</source>
        <translation>工单汇总</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>另存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>By status: {statuses}
Call-backs: {satisfaction}</source>
        <translation>处理状态：{statuses}
回访满意度：{satisfaction}</translation>
    </message>
    <message>
        <source>Save summary as PDF</source>
        <translation>将汇总另存为 PDF</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>MattersModel</name>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days}天{hours}小时</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours}小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}小时{minutes}分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes}分钟</translation>
    </message>
    <message>
        <source>Overdue {time}</source>
        <translation>已超时 {time}</translation>
    </message>
    <message>
        <source>Due soon ({time} left)</source>
        <translation>即将到期（剩 {time}）</translation>
    </message>
    <message>
        <source>Call-back overdue</source>
        <translation>回访已超时</translation>
    </message>
    <message>
        <source>Call-back due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Awaiting call-back</source>
        <translation>等待回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source> · was late {time}</source>
        <translation> · 曾超时 {time}</translation>
    </message>
    <message>
        <source> (reopened)</source>
        <translation>（重开）</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
</context>
<context>
    <name>MattersScreen</name>
    <message>
        <source>Matters: complaints, enquiries, repairs, messages</source>
        <translation>工单：投诉、咨询、报修、留言</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Not closed</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>All, closed too</source>
        <translation>全部（含已关闭）</translation>
    </message>
    <message>
        <source>&amp;Mine only</source>
        <translation>只看我的(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New matter…</source>
        <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Progress note, resolution, call-back note or reason for reopening</source>
        <translation>进展说明、处理结果、回访记录或重新打开的原因</translation>
    </message>
    <message>
        <source>&amp;Take on</source>
        <translation>接手(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>转交(&amp;H)</translation>
    </message>
    <message>
        <source>Progress n&amp;ote</source>
        <translation>记录进展(&amp;O)</translation>
    </message>
    <message>
        <source>A&amp;ttended</source>
        <translation>已到场(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;solved</source>
        <translation>已解决(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Called back</source>
        <translation>已回访(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <source>Hand over to:</source>
        <translation>转交给：</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Urgency: {text}</source>
        <translation>紧急程度：{text}</translation>
    </message>
    <message>
        <source>Channel: {channel}  Category: {category}</source>
        <translation>来源：{channel}  类别：{category}</translation>
    </message>
    <message>
        <source>Complaint: {complexity}, {valid}</source>
        <translation>投诉：{complexity}，{valid}</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效投诉</translation>
    </message>
    <message>
        <source>not valid</source>
        <translation>无效投诉</translation>
    </message>
    <message>
        <source>Raised by: {name} {phone}  Room: {room}</source>
        <translation>反映人：{name} {phone}  房号：{room}</translation>
    </message>
    <message>
        <source>Received: {at}</source>
        <translation>受理时间：{at}</translation>
    </message>
    <message>
        <source>Taken by: {taken}  Handled by: {owner}</source>
        <translation>首问责任人：{taken}  当前处理人：{owner}</translation>
    </message>
    <message>
        <source>Deadline: {deadline} (first deadline {first})</source>
        <translation>时限：{deadline}（最初时限 {first}）</translation>
    </message>
    <message>
        <source>Late before: {time}</source>
        <translation>此前已超时：{time}</translation>
    </message>
    <message>
        <source>Attend by: {deadline}  Attended: {at}</source>
        <translation>到场时限：{deadline}  到场：{at}</translation>
    </message>
    <message>
        <source>Resolved: {at} — {resolution}</source>
        <translation>解决时间：{at} — {resolution}</translation>
    </message>
    <message>
        <source>Call-back due: {at}</source>
        <translation>回访时限：{at}</translation>
    </message>
    <message>
        <source>Called back: {at}, {satisfaction}</source>
        <translation>回访时间：{at}，{satisfaction}</translation>
    </message>
    <message>
        <source>Matter {number} recorded.</source>
        <translation>工单 {number} 已登记。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>{number}: {status}.</source>
        <translation>{number}：{status}。</translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <source>New</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source> (not read back)</source>
        <translation>（未复述确认）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>留言人</translation>
    </message>
    <message>
        <source>Call-back number</source>
        <translation>回电号码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言内容</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>记录人</translation>
    </message>
</context>
<context>
    <name>MessagesScreen</name>
    <message>
        <source>Messages for colleagues</source>
        <translation>同事留言</translation>
    </message>
    <message>
        <source>Read &amp;back to the caller</source>
        <translation>已向来电人复述确认(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Save message</source>
        <translation>保存留言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>留给(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;rom (caller):</source>
        <translation>留言人(&amp;R)：</translation>
    </message>
    <message>
        <source>Call-back &amp;number:</source>
        <translation>回电号码(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>留言内容(&amp;M)：</translation>
    </message>
    <message>
        <source>Take a message</source>
        <translation>记录留言</translation>
    </message>
    <message>
        <source>Mark &amp;read</source>
        <translation>标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>My messages</source>
        <translation>我的留言</translation>
    </message>
    <message>
        <source>Unread messages: {n}</source>
        <translation>未读留言：{n}</translation>
    </message>
    <message>
        <source>Message saved for {who}.</source>
        <translation>已为 {who} 保存留言。</translation>
    </message>
</context>
<context>
    <name>NewMatterDialog</name>
    <message>
        <source>New matter</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>&amp;Valid complaint</source>
        <translation>有效投诉(&amp;V)</translation>
    </message>
    <message>
        <source>e.g. 3-2-1201</source>
        <translation>例如 3-2-1201</translation>
    </message>
    <message>
        <source>What the owner said</source>
        <translation>业主反映的内容</translation>
    </message>
    <message>
        <source>Me ({name})</source>
        <translation>我（{name}）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>来源(&amp;H)：</translation>
    </message>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>类别(&amp;T)：</translation>
    </message>
    <message>
        <source>Com&amp;plexity:</source>
        <translation>复杂程度(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>房号(&amp;R)：</translation>
    </message>
    <message>
        <source>Contact &amp;name:</source>
        <translation>联系人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Contact p&amp;hone:</source>
        <translation>联系电话(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>事项内容(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Who handles it:</source>
        <translation>处理人(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>NotHomePage</name>
    <message>
        <source>e.g. knocked twice, neighbour says away until Friday</source>
        <translation>例如：敲门两次无人应答，邻居说业主周五前不在家</translation>
    </message>
    <message>
        <source>Looking for the next free slot…</source>
        <translation>正在查找下一个空闲时段…</translation>
    </message>
    <message>
        <source>Boo&amp;k the next slot</source>
        <translation>预约该时段(&amp;K)</translation>
    </message>
    <message>
        <source>Only once the owner has agreed to the new time</source>
        <translation>须业主同意新的时间后再勾选</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Next free slot:</source>
        <translation>下一个空闲时段：</translation>
    </message>
    <message>
        <source>No free slot in the coming weeks.</source>
        <translation>近几周内没有空闲时段。</translation>
    </message>
</context>
<context>
    <name>PaymentMethods</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Prepayment balance</source>
        <translation>预存款</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Completed</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>票据号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>收费方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>PaymentsScreen</name>
    <message>
        <source>Payments at desk {desk}</source>
        <translation>{desk} 收费记录</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Choose a payment to see its receipt.</source>
        <translation>选择一笔收费查看票据。</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>作废(&amp;V)…</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>退款(&amp;F)…</translation>
    </message>
    <message>
        <source>Void a payment of today while the day is not closed</source>
        <translation>作废当日且尚未日结的收费</translation>
    </message>
    <message>
        <source>Refund a payment of an earlier day or of a closed day</source>
        <translation>对以前或已日结的收费办理退款</translation>
    </message>
    <message>
        <source>{count} payment(s), {amount} (voided ones not counted)</source>
        <translation>{count} 笔，{amount}（不含作废）</translation>
    </message>
    <message>
        <source>{receipt} · {room} {owner} · {amount} ({methods})</source>
        <translation>{receipt} · {room} {owner} · {amount}（{methods}）</translation>
    </message>
    <message>
        <source>Void a payment</source>
        <translation>作废收费</translation>
    </message>
    <message>
        <source>Void {what}? The receipt keeps its number, marked void; the bills are open again and cash goes back out of the drawer. A supervisor authorises it.</source>
        <translation>作废 {what}？票据号保留并标记作废；账单恢复为未缴，现金从钱箱退回。需主管授权。</translation>
    </message>
    <message>
        <source>Refund a payment</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Refund {what}? The receipt is marked refunded; the bills are open again; cash is paid out of this desk&apos;s drawer, other methods are paid back on their channel. A supervisor authorises it.</source>
        <translation>退款 {what}？票据标记为已退款；账单恢复为未缴；现金从本前台钱箱付出，其他方式按原渠道退回。需主管授权。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is void; its bills are open again.</source>
        <translation>票据 {receipt} 已作废，相关账单已恢复为未缴。</translation>
    </message>
    <message>
        <source>Receipt {receipt} is refunded; its bills are open again.</source>
        <translation>票据 {receipt} 已退款，相关账单已恢复为未缴。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>PhrasePanel</name>
    <message>
        <source>Greeting</source>
        <translation>问候</translation>
    </message>
    <message>
        <source>Answering the phone</source>
        <translation>接听电话</translation>
    </message>
    <message>
        <source>Asking to wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>Taking a message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Call-back</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Handing change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>道别</translation>
    </message>
    <message>
        <source>Never say</source>
        <translation>禁忌用语</translation>
    </message>
    <message>
        <source>Standard phrases</source>
        <translation>服务用语</translation>
    </message>
</context>
<context>
    <name>PiecesEditor</name>
    <message>
        <source>Total: {amount}</source>
        <translation>合计：{amount}</translation>
    </message>
    <message>
        <source>Expected {expected} · counted {counted} · {difference}</source>
        <translation>应有 {expected} · 实点 {counted} · {difference}</translation>
    </message>
</context>
<context>
    <name>PiecesModel</name>
    <message>
        <source>Number of pieces; Enter goes to the next row</source>
        <translation>张数；按回车到下一行</translation>
    </message>
    <message>
        <source>{count} short ({amount})</source>
        <translation>短 {count} 张（{amount}）</translation>
    </message>
    <message>
        <source>{count} over ({amount})</source>
        <translation>多 {count} 张（{amount}）</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>面额</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <source>No receipt printer (PDF receipts)</source>
        <translation>无小票打印机（出 PDF 票据）</translation>
    </message>
    <message>
        <source>Network (Ethernet / Wi-Fi)</source>
        <translation>网络（网线 / Wi-Fi）</translation>
    </message>
    <message>
        <source>USB (python-escpos, libusb)</source>
        <translation>USB（python-escpos，libusb）</translation>
    </message>
    <message>
        <source>Serial port (COM)</source>
        <translation>串口（COM）</translation>
    </message>
    <message>
        <source>Windows printer queue</source>
        <translation>Windows 打印队列</translation>
    </message>
    <message>
        <source>File or device path</source>
        <translation>文件或设备路径</translation>
    </message>
    <message>
        <source>No thermal printer at this desk. Receipts are given as A5 PDF files (Payments screen, F4: PDF receipt) and copies are saved as PDF.</source>
        <translation>本前台没有热敏小票打印机。票据以 A5 PDF 文件提供（收费记录 F4：PDF 票据），重打的副本也存为 PDF。</translation>
    </message>
    <message>
        <source>A receipt printer with a network port, usually port 9100. Give it a fixed IP address. It can report paper-out.</source>
        <translation>带网口的小票打印机，端口一般是 9100。请给打印机设置固定 IP 地址。可以报告缺纸。</translation>
    </message>
    <message>
        <source>Talks to the printer directly over USB (vendor and product id, e.g. 0x0416). On Windows this needs the WinUSB driver (installed e.g. with Zadig), which takes the printer away from the Windows spooler: other programs can no longer print to it. The Windows queue or the network is usually the better choice. It can report paper-out.</source>
        <translation>通过 USB 直接连接打印机（厂商编号和产品编号，如 0x0416）。在 Windows 上需要 WinUSB 驱动（例如用 Zadig 安装），装了以后打印机就不再归 Windows 打印服务管理，其他程序无法再用它打印。通常选 Windows 打印队列或网络连接更好。可以报告缺纸。</translation>
    </message>
    <message>
        <source>A serial port or USB-serial adapter (COM3, /dev/ttyUSB0). The baud rate must match the printer&apos;s own setting. It can report paper-out if the printer answers.</source>
        <translation>串口或 USB 转串口（COM3、/dev/ttyUSB0）。波特率必须与打印机本身的设置一致。打印机应答时可以报告缺纸。</translation>
    </message>
    <message>
        <source>The printer as installed in Windows (its name under Printers &amp; scanners), sent raw through the Windows spooler with the maker&apos;s driver. Usually the best choice for a USB printer on Windows. The Windows queue cannot report paper-out: a receipt counts as printed once the spooler has taken it. Only on Windows.</source>
        <translation>Windows 中已安装的打印机（“打印机和扫描仪”里的名称），通过 Windows 打印服务和厂家驱动直接发送。Windows 上的 USB 打印机通常选这一项最好。Windows 打印队列无法报告缺纸：打印服务接收了票据就算已打印。仅限 Windows。</translation>
    </message>
    <message>
        <source>Writes the bytes to a file or device path (e.g. /dev/usb/lp0, or a file to look at). It cannot report paper-out.</source>
        <translation>把打印数据写入文件或设备路径（如 /dev/usb/lp0，或用于查看的文件）。无法报告缺纸。</translation>
    </message>
    <message>
        <source>GB18030 — Simplified Chinese (recommended)</source>
        <translation>GB18030 — 简体中文（推荐）</translation>
    </message>
    <message>
        <source>GBK — Simplified Chinese, older printers</source>
        <translation>GBK — 简体中文，较老的打印机</translation>
    </message>
    <message>
        <source>Big5 — Traditional Chinese</source>
        <translation>Big5 — 繁体中文</translation>
    </message>
    <message>
        <source>UTF-8 (few receipt printers)</source>
        <translation>UTF-8（少数小票打印机支持）</translation>
    </message>
    <message>
        <source>CP437 — Latin, USA</source>
        <translation>CP437 — 西文（美国）</translation>
    </message>
    <message>
        <source>CP850 — Latin, Western Europe</source>
        <translation>CP850 — 西文（西欧）</translation>
    </message>
    <message>
        <source>CP1252 — Latin, Windows</source>
        <translation>CP1252 — 西文（Windows）</translation>
    </message>
    <message>
        <source>80 mm paper (48 columns)</source>
        <translation>80 mm 纸（每行 48 列）</translation>
    </message>
    <message>
        <source>58 mm paper (32 columns)</source>
        <translation>58 mm 纸（每行 32 列）</translation>
    </message>
    <message>
        <source>Other width…</source>
        <translation>其他宽度…</translation>
    </message>
    <message>
        <source>No cash drawer</source>
        <translation>没有钱箱</translation>
    </message>
    <message>
        <source>Drawer on pin 2 (most drawers)</source>
        <translation>钱箱接 2 号针脚（大多数钱箱）</translation>
    </message>
    <message>
        <source>Drawer on pin 5</source>
        <translation>钱箱接 5 号针脚</translation>
    </message>
    <message>
        <source>The printer&apos;s name in Windows</source>
        <translation>打印机在 Windows 中的名称</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> columns</source>
        <translation> 列</translation>
    </message>
    <message>
        <source>Send Chinese mode (FS &amp;&amp;) first</source>
        <translation>先发送中文模式指令（FS &amp;&amp;）</translation>
    </message>
    <message>
        <source>C&amp;ut the paper after each receipt</source>
        <translation>每张票据打完后切纸(&amp;U)</translation>
    </message>
    <message>
        <source>Built-in, by paper width</source>
        <translation>内置模板（按纸宽）</translation>
    </message>
    <message>
        <source>Print the verification QR code</source>
        <translation>打印验证二维码</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose ima&amp;ge…</source>
        <translation>选择图片(&amp;G)…</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Co&amp;nnection:</source>
        <translation>连接方式(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Address (host):</source>
        <translation>地址（host）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Vendor &amp;id:</source>
        <translation>厂商编号(&amp;I)：</translation>
    </message>
    <message>
        <source>P&amp;roduct id:</source>
        <translation>产品编号(&amp;R)：</translation>
    </message>
    <message>
        <source>Serial &amp;port:</source>
        <translation>串口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Baud rate:</source>
        <translation>波特率(&amp;B)：</translation>
    </message>
    <message>
        <source>Windows &amp;queue name:</source>
        <translation>Windows 打印机名称(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;File or device:</source>
        <translation>文件或设备(&amp;F)：</translation>
    </message>
    <message>
        <source>Time-&amp;out:</source>
        <translation>超时(&amp;O)：</translation>
    </message>
    <message>
        <source>Paper and receipt</source>
        <translation>纸张与票据</translation>
    </message>
    <message>
        <source>Paper &amp;width:</source>
        <translation>纸宽(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Cash &amp;drawer:</source>
        <translation>钱箱(&amp;D)：</translation>
    </message>
    <message>
        <source>Te&amp;mplate:</source>
        <translation>模板(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Logo image:</source>
        <translation>标志图片(&amp;L)：</translation>
    </message>
    <message>
        <source>Logo image</source>
        <translation>标志图片</translation>
    </message>
    <message>
        <source>Images (*.png *.bmp *.jpg *.jpeg *.gif)</source>
        <translation>图片 (*.png *.bmp *.jpg *.jpeg *.gif)</translation>
    </message>
</context>
<context>
    <name>PrinterScreen</name>
    <message>
        <source>Receipt printer of desk {desk}</source>
        <translation>{desk} 的小票打印机</translation>
    </message>
    <message>
        <source>Settings file: {path}</source>
        <translation>设置文件：{path}</translation>
    </message>
    <message>
        <source>&amp;Test print</source>
        <translation>测试打印(&amp;T)</translation>
    </message>
    <message>
        <source>Print a test page with the settings in the form ({key})</source>
        <translation>用表中的设置打印一张测试页（{key}）</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>Write the settings to the settings file and use them</source>
        <translation>把设置写入设置文件并立即使用</translation>
    </message>
    <message>
        <source>The form shows the settings in use again.</source>
        <translation>表中已恢复为正在使用的设置。</translation>
    </message>
    <message>
        <source>Sending a test page…</source>
        <translation>正在发送测试页…</translation>
    </message>
    <message>
        <source>The test page went to {printer}. Check that the two rulers fill one line each.</source>
        <translation>测试页已发送到{printer}。请检查两条标尺是否各占满一行。</translation>
    </message>
    <message>
        <source>Saved to {path}. The desk prints with these settings now.</source>
        <translation>已保存到 {path}。本前台现在按这些设置打印。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>PrinterStatus</name>
    <message>
        <source>⚠ Printer problem · {count} waiting</source>
        <translation>⚠ 打印机故障 · {count} 张待打印</translation>
    </message>
    <message>
        <source>⚠ Printer: check {count} receipt(s)</source>
        <translation>⚠ 打印机：请核对 {count} 张票据</translation>
    </message>
    <message>
        <source>Printer: {count} waiting</source>
        <translation>打印机：{count} 张待打印</translation>
    </message>
    <message>
        <source>Printer · nothing waiting</source>
        <translation>打印机 · 无待打印</translation>
    </message>
    <message>
        <source>{key}: show the printer warning</source>
        <translation>{key}：显示打印机提示</translation>
    </message>
    <message>
        <source>Receipts are not printing: {error}
{count} receipt(s) wait in the queue; the payments are recorded. Fix the printer, then press Retry.</source>
        <translation>票据没有打印出来：{error}
有 {count} 张票据在排队等待打印；收款都已入账。请处理好打印机后按“重试”。</translation>
    </message>
    <message>
        <source>A receipt could not be printed and was taken out of the queue: {error}
Print a copy from the Payments screen (F4).</source>
        <translation>有一张票据无法打印，已移出打印队列：{error}
请在“收费记录”（F4）中重打一张。</translation>
    </message>
    <message>
        <source>The printer stopped while printing receipt {receipts}: it may or may not be on paper. Look at the printer. If it is not there, press Retry to print it again as a copy; if it is, choose “It printed”.</source>
        <translation>打印票据 {receipts} 时中断，不能确定是否已打出。请查看打印机：没有打出，按“重试”以副本重打；已经打出，选“已打出”。</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>正在重试…</translation>
    </message>
    <message>
        <source>Print again?</source>
        <translation>再打一次？</translation>
    </message>
    <message>
        <source>Receipt {receipts} may already have printed. Print it again as a copy (marked 「重打 / COPY」)?</source>
        <translation>票据 {receipts} 可能已经打出。要以副本（标有「重打 / COPY」）再打一次吗？</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>PrinterWarning</name>
    <message>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>It printed — do &amp;not print again</source>
        <translation>已打出，不再打印(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
</context>
<context>
    <name>RatesModel</name>
    <message>
        <source>{date} (in force)</source>
        <translation>{date}（现行）</translation>
    </message>
    <message>
        <source>{date} (coming)</source>
        <translation>{date}（待生效）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设定人</translation>
    </message>
</context>
<context>
    <name>ReceiptCopies</name>
    <message>
        <source>&amp;Reprint copy</source>
        <translation>重打副本(&amp;R)</translation>
    </message>
    <message>
        <source>PDF rece&amp;ipt…</source>
        <translation>PDF 票据(&amp;I)…</translation>
    </message>
    <message>
        <source>Save the receipt as an A5 PDF, e.g. for an owner who paid by bank transfer</source>
        <translation>把票据存为 A5 PDF，例如给银行转账缴费的业主</translation>
    </message>
    <message>
        <source>Print a copy marked 重打 / COPY on the desk&apos;s receipt printer</source>
        <translation>在本前台的小票打印机上打印标有“重打 / COPY”的副本</translation>
    </message>
    <message>
        <source>&amp;Reprint copy (PDF)…</source>
        <translation>重打副本 (PDF)(&amp;R)…</translation>
    </message>
    <message>
        <source>No receipt printer: save a copy marked 重打 / COPY as an A5 PDF</source>
        <translation>没有小票打印机：把标有“重打 / COPY”的副本存为 A5 PDF</translation>
    </message>
    <message>
        <source>Save a copy of receipt {receipt}</source>
        <translation>保存票据 {receipt} 的副本</translation>
    </message>
    <message>
        <source>Save receipt {receipt} as PDF</source>
        <translation>把票据 {receipt} 存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Copy {copy} of receipt {receipt} is being printed.</source>
        <translation>票据 {receipt} 的第 {copy} 份副本正在打印。</translation>
    </message>
    <message>
        <source>Copy {copy} of receipt {receipt} saved as {path}.</source>
        <translation>票据 {receipt} 的第 {copy} 份副本已存为 {path}。</translation>
    </message>
    <message>
        <source>Receipt {receipt} saved as {path}.</source>
        <translation>票据 {receipt} 已存为 {path}。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>The receipt appears here when a payment is completed.</source>
        <translation>收款完成后，票据显示在这里。</translation>
    </message>
</context>
<context>
    <name>ReschedulePage</name>
    <message>
        <source>Required: why the visit moves</source>
        <translation>必填：改期的原因</translation>
    </message>
    <message>
        <source>Required for a visit at less than a day&apos;s notice</source>
        <translation>不足一天的临时预约必填</translation>
    </message>
    <message>
        <source>S&amp;hort notice because:</source>
        <translation>临时预约原因(&amp;H)：</translation>
    </message>
    <message>
        <source>New &amp;date:</source>
        <translation>新日期(&amp;D)：</translation>
    </message>
    <message>
        <source>New &amp;time:</source>
        <translation>新时间(&amp;T)：</translation>
    </message>
    <message>
        <source>Re&amp;ason:</source>
        <translation>原因(&amp;A)：</translation>
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
    <name>Screens</name>
    <message>
        <source>Cashier</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收费记录</translation>
    </message>
    <message>
        <source>Fees and bills</source>
        <translation>收费标准与账单</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Verify receipt</source>
        <translation>票据验证</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>Overdue calls</source>
        <translation>催缴电话</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>上门收费</translation>
    </message>
    <message>
        <source>Matters</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Matters summary</source>
        <translation>工单汇总</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Room (3-2-12), name, initials (lb) or phone tail</source>
        <translation>房号（3-2-12）、姓名、拼音首字母（lb）或电话后四位</translation>
    </message>
    <message>
        <source>No household found.</source>
        <translation>没有找到住户。</translation>
    </message>
    <message>
        <source>The first {n} are shown: type more to narrow the search.</source>
        <translation>只显示前 {n} 户：请继续输入以缩小范围。</translation>
    </message>
    <message>
        <source>{n} found. Enter takes the highlighted one.</source>
        <translation>找到 {n} 户，按回车选择高亮的一户。</translation>
    </message>
    <message>
        <source>The search failed: {error}</source>
        <translation>查找失败：{error}</translation>
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
<context>
    <name>SummaryModel</name>
    <message>
        <source>All</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Matters</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Valid complaints</source>
        <translation>有效投诉</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Called back</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
</context>
<context>
    <name>SupervisorAuthDialog</name>
    <message>
        <source>Supervisor authorisation</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>A supervisor must authorise this.</source>
        <translation>此操作需要主管授权。</translation>
    </message>
    <message>
        <source>e.g. wrong household, amount typed wrong</source>
        <translation>例如：收错住户、金额输错</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;staff number:</source>
        <translation>主管工号(&amp;S)：</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;password:</source>
        <translation>主管密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Authorise</source>
        <translation>授权(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Enter the supervisor&apos;s staff number and password.</source>
        <translation>请输入主管的工号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>The check failed because of an unexpected error: {error}</source>
        <translation>验证时发生意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>TenderLinesModel</name>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <source>Bank transfer reference (serial no.)</source>
        <translation>银行转账参考号（流水号）</translation>
    </message>
    <message>
        <source>&amp;Add method</source>
        <translation>添加支付方式(&amp;A)</translation>
    </message>
    <message>
        <source>Split payment: keep this method and amount, and pay the rest another way</source>
        <translation>组合支付：保留这一支付方式和金额，其余用其他方式支付</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Keep an overpayment as &amp;prepayment</source>
        <translation>多付部分存入预存款(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Collect (Enter)</source>
        <translation>收款(&amp;C)（回车）</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>支付方式(&amp;M)：</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>参考号(&amp;F)：</translation>
    </message>
    <message>
        <source>Cash &amp;received:</source>
        <translation>收现金(&amp;R)：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>找零：</translation>
    </message>
    <message>
        <source>Amou&amp;nt:</source>
        <translation>金额(&amp;N)：</translation>
    </message>
    <message>
        <source>Type this method&apos;s amount first.</source>
        <translation>请先输入这一支付方式的金额。</translation>
    </message>
    <message>
        <source>No cash drawer is open at this desk: count the float and open the drawer before taking cash.</source>
        <translation>本前台的钱箱尚未开班：请先清点备用金并开班，再收现金。</translation>
    </message>
    <message>
        <source>({amount} to prepayment)</source>
        <translation>（{amount} 存入预存款）</translation>
    </message>
    <message>
        <source>Still to pay: {amount}</source>
        <translation>还需支付：{amount}</translation>
    </message>
    <message>
        <source>(cash {amount})</source>
        <translation>（现金 {amount}）</translation>
    </message>
</context>
<context>
    <name>TodaysWork</name>
    <message>
        <source>Overdue-fee calls due today: {count}</source>
        <translation>今日待拨催缴电话：{count}</translation>
    </message>
    <message>
        <source>Promises to pay falling due: {count}</source>
        <translation>到期的缴费承诺：{count}</translation>
    </message>
    <message>
        <source>Calls waiting for a supervisor: {count}</source>
        <translation>待主管处理的催缴：{count}</translation>
    </message>
    <message>
        <source>Home visits to confirm by phone: {count}</source>
        <translation>待电话确认的上门收费：{count}</translation>
    </message>
    <message>
        <source>Home visits today: {count}</source>
        <translation>今日上门收费：{count}</translation>
    </message>
</context>
<context>
    <name>TodaysWorkBox</name>
    <message>
        <source>Today&apos;s work</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>{day}: to do</source>
        <translation>{day}：待办</translation>
    </message>
    <message>
        <source>{day}: nothing waiting.</source>
        <translation>{day}：没有待办事项。</translation>
    </message>
    <message>
        <source>Today&apos;s work could not be loaded: {error}</source>
        <translation>今日工作无法加载：{error}</translation>
    </message>
</context>
<context>
    <name>VerifyScreen</name>
    <message>
        <source>Verify a receipt</source>
        <translation>票据验证</translation>
    </message>
    <message>
        <source>Scan the QR code on the receipt, or type the code printed under it, and press Enter.</source>
        <translation>扫描票据上的二维码，或输入二维码下方印的验证码，然后按回车。</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>验证码(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>The payment appears here.</source>
        <translation>这里显示对应的收款。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>✘ Not issued by this system</source>
        <translation>✘ 不是本系统签发的票据</translation>
    </message>
    <message>
        <source>⚠ Genuine, but the payment was VOIDED</source>
        <translation>⚠ 票据是真的，但该笔收款已作废</translation>
    </message>
    <message>
        <source>⚠ Genuine, but the payment was REFUNDED</source>
        <translation>⚠ 票据是真的，但该笔收款已退款</translation>
    </message>
    <message>
        <source>✔ Genuine receipt</source>
        <translation>✔ 票据真实有效</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情见日志文件。</translation>
    </message>
    <message>
        <source>The code could not be checked</source>
        <translation>无法验证此验证码</translation>
    </message>
</context>
<context>
    <name>VisitFields</name>
    <message>
        <source>e.g. 896.00</source>
        <translation>例如 896.00</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>前台当面</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话预约</translation>
    </message>
    <message>
        <source>Required for a same-day visit</source>
        <translation>当天（临时）预约必填</translation>
    </message>
    <message>
        <source>e.g. ring the bell twice</source>
        <translation>例如 按两次门铃</translation>
    </message>
    <message>
        <source>Required: why the visit moves</source>
        <translation>必填：改期的原因</translation>
    </message>
    <message>
        <source>&amp;Who goes:</source>
        <translation>上门人员(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <source>Expected &amp;amount:</source>
        <translation>预计金额(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>上门原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Re&amp;quested:</source>
        <translation>预约方式(&amp;Q)：</translation>
    </message>
    <message>
        <source>Same-day &amp;because:</source>
        <translation>当天预约原因(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Moved because:</source>
        <translation>改期原因(&amp;M)：</translation>
    </message>
    <message>
        <source>On an overdue-fee call</source>
        <translation>催缴电话中约定</translation>
    </message>
</context>
<context>
    <name>VisitLabels</name>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>已出发</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收费</translation>
    </message>
    <message>
        <source>Not home</source>
        <translation>不在家</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>已改期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Owner asked</source>
        <translation>业主要求上门</translation>
    </message>
    <message>
        <source>Bank-transfer receipt delivery</source>
        <translation>转账后送票据</translation>
    </message>
    <message>
        <source>Overdue follow-up</source>
        <translation>欠费跟进</translation>
    </message>
    <message>
        <source>Called, owner expects us</source>
        <translation>已通话</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工作证</translation>
    </message>
    <message>
        <source>Enough change</source>
        <translation>足够的零钱</translation>
    </message>
    <message>
        <source>Counterfeit-note detector</source>
        <translation>验钞器</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>票据</translation>
    </message>
    <message>
        <source>Shoe covers</source>
        <translation>鞋套</translation>
    </message>
</context>
<context>
    <name>VisitOutcomeDialog</name>
    <message>
        <source>&amp;1  Collected</source>
        <translation>&amp;1  已收费</translation>
    </message>
    <message>
        <source>&amp;2  Not home</source>
        <translation>&amp;2  不在家</translation>
    </message>
    <message>
        <source>&amp;3  Reschedule</source>
        <translation>&amp;3  改期</translation>
    </message>
    <message>
        <source>&amp;4  Cancel the visit</source>
        <translation>&amp;4  取消上门</translation>
    </message>
    <message>
        <source>Outcome of the visit</source>
        <translation>上门结果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Only a cashier or a supervisor can take a payment.</source>
        <translation>只有收费员或主管才能登记收款。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save receipt as &amp;PDF…</source>
        <translation>票据存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>This visit is {status}: no outcome can be recorded any more.</source>
        <translation>该上门收费{status}，不能再登记结果。</translation>
    </message>
    <message>
        <source>{when} · {staff} · expected {amount} · {status}</source>
        <translation>{when} · {staff} · 预计收费 {amount} · {status}</translation>
    </message>
    <message>
        <source>Tick at least one bill to collect.</source>
        <translation>请至少勾选一项要收取的账单。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Collected {amount}: receipt {receipt}.</source>
        <translation>已收款 {amount}，票据号 {receipt}。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>VisitPanel</name>
    <message>
        <source>Choose a visit to see its details.</source>
        <translation>请选择一次上门收费查看详情。</translation>
    </message>
    <message>
        <source>C&amp;onfirmed by phone</source>
        <translation>已电话确认(&amp;O)</translation>
    </message>
    <message>
        <source>The owner confirmed the time (the call the day before)</source>
        <translation>业主已确认时间（提前一天电话）</translation>
    </message>
    <message>
        <source>Called before &amp;leaving</source>
        <translation>出发前已通话(&amp;L)</translation>
    </message>
    <message>
        <source>No ans&amp;wer before leaving</source>
        <translation>出发前无人接听(&amp;W)</translation>
    </message>
    <message>
        <source>Take with you</source>
        <translation>随身携带</translation>
    </message>
    <message>
        <source>Save chec&amp;klist</source>
        <translation>保存检查清单(&amp;K)</translation>
    </message>
    <message>
        <source>Lea&amp;ve now (out)</source>
        <translation>立即出发(&amp;V)</translation>
    </message>
    <message>
        <source>Needs the call before leaving and every item of the checklist</source>
        <translation>需先打出发前电话并勾选清单的每一项</translation>
    </message>
    <message>
        <source>O&amp;utcome…</source>
        <translation>登记结果(&amp;U)…</translation>
    </message>
    <message>
        <source>Collected, not home, reschedule or cancel (Enter in the list)</source>
        <translation>已收费、不在家、改期或取消（在列表中按回车）</translation>
    </message>
    <message>
        <source>Resc&amp;hedule…</source>
        <translation>改期(&amp;H)…</translation>
    </message>
    <message>
        <source>When: {when} ({minutes} min)</source>
        <translation>时间：{when}（{minutes} 分钟）</translation>
    </message>
    <message>
        <source>Who goes: {no} {name}</source>
        <translation>上门人员：{no} {name}</translation>
    </message>
    <message>
        <source>Expected: {amount}</source>
        <translation>应收：{amount}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Booked {when} by {who}</source>
        <translation>{when} 由 {who} 预约</translation>
    </message>
    <message>
        <source>Booked the same day: {reason}</source>
        <translation>当天预约：{reason}</translation>
    </message>
    <message>
        <source>Call before leaving: {result}</source>
        <translation>出发前电话：{result}</translation>
    </message>
    <message>
        <source>Still to pack: {items}</source>
        <translation>尚未准备：{items}</translation>
    </message>
    <message>
        <source>Collected {amount}, receipt {receipt}</source>
        <translation>已收 {amount}，收据 {receipt}</translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>经过：</translation>
    </message>
</context>
<context>
    <name>VisitPurposes</name>
    <message>
        <source>Fee payment</source>
        <translation>缴费</translation>
    </message>
    <message>
        <source>Enquiry</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Delivery or pick-up</source>
        <translation>快递/取送</translation>
    </message>
    <message>
        <source>Guest of an owner</source>
        <translation>业主访客</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>施工/维修单位</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>VisitorLogModel</name>
    <message>
        <source>in</source>
        <translation>在场</translation>
    </message>
    <message>
        <source>{time} (auto)</source>
        <translation>{time}（自动签离）</translation>
    </message>
    <message>
        <source>(anonymised)</source>
        <translation>（已匿名）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>来访时间</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Room or department</source>
        <translation>房号或部门</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>ID checked</source>
        <translation>已查验证件</translation>
    </message>
    <message>
        <source>Car plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
</context>
<context>
    <name>VisitorsInModel</name>
    <message>
        <source>Since</source>
        <translation>到访</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Room or department</source>
        <translation>房号或部门</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
</context>
<context>
    <name>VisitorsScreen</name>
    <message>
        <source>Visitors</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>Visitor records are kept {days} days, then anonymised.</source>
        <translation>访客记录保留 {days} 天，之后匿名化。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Sign a visitor in</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>13800001234</source>
        <translation>13800001234</translation>
    </message>
    <message>
        <source>Visitor&apos;s name</source>
        <translation>访客姓名</translation>
    </message>
    <message>
        <source>3-2-1201 or 物业办公室</source>
        <translation>3-2-1201 或 物业办公室</translation>
    </message>
    <message>
        <source>ID checked</source>
        <translation>已查验证件</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Record the room as text</source>
        <translation>按文字记录房号</translation>
    </message>
    <message>
        <source>Open a matter</source>
        <translation>登记工单</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Room or department</source>
        <translation>房号或部门</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Car plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Who is in</source>
        <translation>在场访客</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签离</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Visitor log</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>All purposes</source>
        <translation>全部事由</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Returning visitor ({n} visits): check the name and room.</source>
        <translation>老访客（来访 {n} 次）：请核对姓名和房号。</translation>
    </message>
    <message>
        <source>Signed in: {name} to {room}, {time}.</source>
        <translation>已登记：{name} 到访 {room}，{time}。</translation>
    </message>
    <message>
        <source>Room {room} is not in the estate: Enter again keeps it as text.</source>
        <translation>本小区没有房号 {room}：再按 Enter 将按文字记录。</translation>
    </message>
    <message>
        <source>{n} in now</source>
        <translation>当前在场 {n} 位</translation>
    </message>
    <message>
        <source>Choose a visitor in the list first.</source>
        <translation>请先在列表中选择访客。</translation>
    </message>
    <message>
        <source>Signed out: {name}.</source>
        <translation>已签离：{name}。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No visits found.</source>
        <translation>没有找到来访记录。</translation>
    </message>
    <message>
        <source>{n} visits loaded; scroll down for more.</source>
        <translation>已加载 {n} 条，向下滚动加载更多。</translation>
    </message>
    <message>
        <source>{n} visits.</source>
        <translation>共 {n} 条。</translation>
    </message>
    <message>
        <source>The log could not be read: {error}</source>
        <translation>无法读取来访记录：{error}</translation>
    </message>
    <message>
        <source>Sign a visitor in or choose a visit first.</source>
        <translation>请先登记访客或选择一条来访记录。</translation>
    </message>
    <message>
        <source>Matters are not available.</source>
        <translation>工单功能不可用。</translation>
    </message>
    <message>
        <source>Matter {number} recorded.</source>
        <translation>已登记工单 {number}。</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Booked the same day: {reason}</source>
        <translation>当天预约：{reason}</translation>
    </message>
    <message>
        <source>{status} (same day)</source>
        <translation>{status}（当天）</translation>
    </message>
    <message>
        <source>{status} — outcome not recorded</source>
        <translation>{status}——未登记结果</translation>
    </message>
    <message>
        <source>{status} — time passed</source>
        <translation>{status}——已过时间</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who goes</source>
        <translation>上门人员</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>业主</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Before leaving</source>
        <translation>出发准备</translation>
    </message>
</context>
<context>
    <name>VisitsScreen</name>
    <message>
        <source>Day</source>
        <translation>按日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>To confirm (next working day)</source>
        <translation>待确认（下一个工作日）</translation>
    </message>
    <message>
        <source>Home fee-collection visits</source>
        <translation>上门收费</translation>
    </message>
    <message>
        <source>V&amp;iew:</source>
        <translation>视图(&amp;I)：</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Who &amp;goes:</source>
        <translation>上门人员(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Book a visit…</source>
        <translation>预约上门…</translation>
    </message>
    <message>
        <source>{count} visit(s), {amount} expected</source>
        <translation>共 {count} 次上门，应收 {amount}</translation>
    </message>
    <message>
        <source>Visit to {room} booked for {when} ({who}).</source>
        <translation>已预约 {room} 上门收费：{when}（{who}）。</translation>
    </message>
    <message>
        <source>{room}: collected, receipt {receipt}.</source>
        <translation>{room}：已收费，收据 {receipt}。</translation>
    </message>
    <message>
        <source>{room}: {status}; booked again for {when}.</source>
        <translation>{room}：{status}；已重新预约 {when}。</translation>
    </message>
    <message>
        <source>{room}: {status}.</source>
        <translation>{room}：{status}。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}. See the log file for details.</source>
        <translation>意外错误：{error}。详情请查看日志文件。</translation>
    </message>
</context>
</TS>
