// A Cloud Monitor notification template for backup alarms. A backup creates one for its own recipients;
// a stack with several backups creates one and passes its `noticeId` to each (`alarmNoticeIds`).
import { TerraformIterator, Token, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { MonitorAlarmNotice, type MonitorAlarmNoticeUrlNotices } from "../generated/providers/tencentcloud/monitor-alarm-notice";

export const NOTICE_WAYS = ["EMAIL", "SMS", "CALL", "WECHAT", "SITE"] as const;
export const NOTICE_LANGUAGES = ["en-US", "zh-CN"] as const;

export interface BackupAlarmNoticeProps {
  /** The template's name. */
  readonly name: string;
  /** CAM user ids (sub-account UIDs) to notify; a list reference is accepted. @default none */
  readonly recipientUserIds?: number[];
  /** CAM user group ids to notify; a list reference is accepted. @default none */
  readonly recipientGroupIds?: number[];
  /** How users and groups are reached: `EMAIL`, `SMS`, `CALL`, `WECHAT`, `SITE`. @default ["EMAIL", "SMS"] */
  readonly noticeWays?: string[];
  /** Webhook URLs (http or https) to call; references (a variable, a secret) are accepted. @default none */
  readonly webhookUrls?: string[];
  /** Language of the messages. @default "en-US" */
  readonly language?: "en-US" | "zh-CN";
  /** @default the stack's default tencentcloud provider */
  readonly provider?: TerraformProvider;
}

/** A list with entries, or a list reference (its length is known at apply time). */
export const given = (list: unknown[] | undefined): boolean => !!list && (Token.isUnresolved(list) || list.length > 0);

/** "prop: why" for each invalid value; references are not checked (they are known at apply time). */
export function noticePropErrors(props: Pick<BackupAlarmNoticeProps, "noticeWays" | "webhookUrls" | "language">, names = { ways: "noticeWays", urls: "webhookUrls", language: "language" }): string[] {
  const errors: string[] = [];
  const literals = (list: string[] | undefined) => (!list || Token.isUnresolved(list) ? [] : list.filter((v) => !Token.isUnresolved(v)));
  for (const url of literals(props.webhookUrls)) {
    if (!/^https?:\/\/\S+$/.test(url)) errors.push(`${names.urls}: "${url}" is not allowed; expected an http:// or https:// URL`);
  }
  for (const w of literals(props.noticeWays)) {
    if (!(NOTICE_WAYS as readonly string[]).includes(w)) errors.push(`${names.ways}: "${w}" is not allowed; expected one of ${NOTICE_WAYS.join(", ")}`);
  }
  const lang = props.language;
  if (lang !== undefined && !Token.isUnresolved(lang) && !(NOTICE_LANGUAGES as readonly string[]).includes(lang)) {
    errors.push(`${names.language}: "${lang}" is not allowed; expected ${NOTICE_LANGUAGES.join(" or ")}`);
  }
  return errors;
}

/** A notification template that notifies on alarm and on recovery, all day, users, groups and webhooks. */
export class BackupAlarmNotice extends Construct {
  public readonly notice: MonitorAlarmNotice;
  /** The template's id (`notice-…`), for `alarmNoticeIds`. */
  public readonly noticeId: string;

  constructor(scope: Construct, id: string, props: BackupAlarmNoticeProps) {
    super(scope, id);
    const errors = noticePropErrors(props);
    if (!given(props.recipientUserIds) && !given(props.recipientGroupIds) && !given(props.webhookUrls)) {
      errors.push("recipientUserIds: a notification template needs recipientUserIds, recipientGroupIds or webhookUrls");
    }
    if (errors.length) throw new Error(`Invalid BackupAlarmNotice props:\n  - ${errors.join("\n  - ")}`);
    const allDay = { startTime: 0, endTime: 86399 };
    const noticeWay = props.noticeWays ?? ["EMAIL", "SMS"];
    const users = props.recipientUserIds;
    const groups = props.recipientGroupIds;
    const userNotices = [
      ...(given(users) ? [{ ...allDay, receiverType: "USER", noticeWay, userIds: users }] : []),
      ...(given(groups) ? [{ ...allDay, receiverType: "GROUP", noticeWay, groupIds: groups }] : []),
    ];
    this.notice = new MonitorAlarmNotice(this, "notice", {
      provider: props.provider,
      name: props.name,
      noticeType: "ALL", // alarm and recovery
      noticeLanguage: props.language ?? "en-US",
      userNotices: userNotices.length ? userNotices : undefined,
      urlNotices: urlNotices(props.webhookUrls, allDay),
    });
    this.noticeId = this.notice.id;
  }
}

/** One url_notices block per URL; a list reference becomes a dynamic block, expanded by Terraform. */
function urlNotices(urls: string[] | undefined, allDay: { startTime: number; endTime: number }): MonitorAlarmNoticeUrlNotices[] | undefined {
  if (!given(urls)) return undefined;
  if (!Token.isUnresolved(urls)) return urls!.map((url) => ({ ...allDay, url }));
  const each = TerraformIterator.fromList(urls!);
  // A dynamic block's content is written as is: the provider's attribute names.
  return each.dynamic({ start_time: allDay.startTime, end_time: allDay.endTime, url: each.value }) as unknown as MonitorAlarmNoticeUrlNotices[];
}
