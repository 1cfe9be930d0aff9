// https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface MonitorAlarmNoticeConfig extends cdktf.TerraformMetaArguments {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#id MonitorAlarmNotice#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * Notification template name within 60.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#name MonitorAlarmNotice#name}
  */
  readonly name: string;
  /**
  * Notification language zh-CN=Chinese en-US=English.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#notice_language MonitorAlarmNotice#notice_language}
  */
  readonly noticeLanguage: string;
  /**
  * Alarm notification type ALARM=Notification not restored OK=Notification restored ALL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#notice_type MonitorAlarmNotice#notice_type}
  */
  readonly noticeType: string;
  /**
  * url_notices block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#url_notices MonitorAlarmNotice#url_notices}
  */
  readonly urlNotices?: MonitorAlarmNoticeUrlNotices[] | cdktf.IResolvable;
  /**
  * user_notices block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#user_notices MonitorAlarmNotice#user_notices}
  */
  readonly userNotices?: MonitorAlarmNoticeUserNotices[] | cdktf.IResolvable;
}
export interface MonitorAlarmNoticeUrlNotices {
  /**
  * Notification End Time Seconds at the start of a day.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#end_time MonitorAlarmNotice#end_time}
  */
  readonly endTime?: number;
  /**
  * Notification Start Time Number of seconds at the start of a day.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#start_time MonitorAlarmNotice#start_time}
  */
  readonly startTime?: number;
  /**
  * Callback URL (limited to 256 characters).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#url MonitorAlarmNotice#url}
  */
  readonly url: string;
}

export function monitorAlarmNoticeUrlNoticesToTerraform(struct?: MonitorAlarmNoticeUrlNotices | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    end_time: cdktf.numberToTerraform(struct!.endTime),
    start_time: cdktf.numberToTerraform(struct!.startTime),
    url: cdktf.stringToTerraform(struct!.url),
  }
}


export function monitorAlarmNoticeUrlNoticesToHclTerraform(struct?: MonitorAlarmNoticeUrlNotices | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    end_time: {
      value: cdktf.numberToHclTerraform(struct!.endTime),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    start_time: {
      value: cdktf.numberToHclTerraform(struct!.startTime),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    url: {
      value: cdktf.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class MonitorAlarmNoticeUrlNoticesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): MonitorAlarmNoticeUrlNotices | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._endTime !== undefined) {
      hasAnyValues = true;
      internalValueResult.endTime = this._endTime;
    }
    if (this._startTime !== undefined) {
      hasAnyValues = true;
      internalValueResult.startTime = this._startTime;
    }
    if (this._url !== undefined) {
      hasAnyValues = true;
      internalValueResult.url = this._url;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: MonitorAlarmNoticeUrlNotices | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._endTime = undefined;
      this._startTime = undefined;
      this._url = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._endTime = value.endTime;
      this._startTime = value.startTime;
      this._url = value.url;
    }
  }

  // end_time - computed: false, optional: true, required: false
  private _endTime?: number; 
  public get endTime() {
    return this.getNumberAttribute('end_time');
  }
  public set endTime(value: number) {
    this._endTime = value;
  }
  public resetEndTime() {
    this._endTime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get endTimeInput() {
    return this._endTime;
  }

  // start_time - computed: false, optional: true, required: false
  private _startTime?: number; 
  public get startTime() {
    return this.getNumberAttribute('start_time');
  }
  public set startTime(value: number) {
    this._startTime = value;
  }
  public resetStartTime() {
    this._startTime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get startTimeInput() {
    return this._startTime;
  }

  // url - computed: false, optional: false, required: true
  private _url?: string; 
  public get url() {
    return this.getStringAttribute('url');
  }
  public set url(value: string) {
    this._url = value;
  }
  // Temporarily expose input value. Use with caution.
  public get urlInput() {
    return this._url;
  }
}

export class MonitorAlarmNoticeUrlNoticesList extends cdktf.ComplexList {
  public internalValue? : MonitorAlarmNoticeUrlNotices[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): MonitorAlarmNoticeUrlNoticesOutputReference {
    return new MonitorAlarmNoticeUrlNoticesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface MonitorAlarmNoticeUserNotices {
  /**
  * The number of seconds since the notification end time 00:00:00 (value range 0-86399).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#end_time MonitorAlarmNotice#end_time}
  */
  readonly endTime: number;
  /**
  * User group ID list.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#group_ids MonitorAlarmNotice#group_ids}
  */
  readonly groupIds?: number[];
  /**
  * Notification Channel List EMAIL=Mail SMS=SMS CALL=Telephone WECHAT=WeChat RTX=Enterprise WeChat.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#notice_way MonitorAlarmNotice#notice_way}
  */
  readonly noticeWay: string[];
  /**
  * Recipient Type USER=User GROUP=User Group.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#receiver_type MonitorAlarmNotice#receiver_type}
  */
  readonly receiverType: string;
  /**
  * The number of seconds since the notification start time 00:00:00 (value range 0-86399).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#start_time MonitorAlarmNotice#start_time}
  */
  readonly startTime: number;
  /**
  * User UID List.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#user_ids MonitorAlarmNotice#user_ids}
  */
  readonly userIds?: number[];
}

export function monitorAlarmNoticeUserNoticesToTerraform(struct?: MonitorAlarmNoticeUserNotices | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    end_time: cdktf.numberToTerraform(struct!.endTime),
    group_ids: cdktf.listMapper(cdktf.numberToTerraform, false)(struct!.groupIds),
    notice_way: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.noticeWay),
    receiver_type: cdktf.stringToTerraform(struct!.receiverType),
    start_time: cdktf.numberToTerraform(struct!.startTime),
    user_ids: cdktf.listMapper(cdktf.numberToTerraform, false)(struct!.userIds),
  }
}


export function monitorAlarmNoticeUserNoticesToHclTerraform(struct?: MonitorAlarmNoticeUserNotices | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    end_time: {
      value: cdktf.numberToHclTerraform(struct!.endTime),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    group_ids: {
      value: cdktf.listMapperHcl(cdktf.numberToHclTerraform, false)(struct!.groupIds),
      isBlock: false,
      type: "set",
      storageClassType: "numberList",
    },
    notice_way: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.noticeWay),
      isBlock: false,
      type: "set",
      storageClassType: "stringList",
    },
    receiver_type: {
      value: cdktf.stringToHclTerraform(struct!.receiverType),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    start_time: {
      value: cdktf.numberToHclTerraform(struct!.startTime),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    user_ids: {
      value: cdktf.listMapperHcl(cdktf.numberToHclTerraform, false)(struct!.userIds),
      isBlock: false,
      type: "set",
      storageClassType: "numberList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class MonitorAlarmNoticeUserNoticesOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): MonitorAlarmNoticeUserNotices | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._endTime !== undefined) {
      hasAnyValues = true;
      internalValueResult.endTime = this._endTime;
    }
    if (this._groupIds !== undefined) {
      hasAnyValues = true;
      internalValueResult.groupIds = this._groupIds;
    }
    if (this._noticeWay !== undefined) {
      hasAnyValues = true;
      internalValueResult.noticeWay = this._noticeWay;
    }
    if (this._receiverType !== undefined) {
      hasAnyValues = true;
      internalValueResult.receiverType = this._receiverType;
    }
    if (this._startTime !== undefined) {
      hasAnyValues = true;
      internalValueResult.startTime = this._startTime;
    }
    if (this._userIds !== undefined) {
      hasAnyValues = true;
      internalValueResult.userIds = this._userIds;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: MonitorAlarmNoticeUserNotices | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._endTime = undefined;
      this._groupIds = undefined;
      this._noticeWay = undefined;
      this._receiverType = undefined;
      this._startTime = undefined;
      this._userIds = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._endTime = value.endTime;
      this._groupIds = value.groupIds;
      this._noticeWay = value.noticeWay;
      this._receiverType = value.receiverType;
      this._startTime = value.startTime;
      this._userIds = value.userIds;
    }
  }

  // end_time - computed: false, optional: false, required: true
  private _endTime?: number; 
  public get endTime() {
    return this.getNumberAttribute('end_time');
  }
  public set endTime(value: number) {
    this._endTime = value;
  }
  // Temporarily expose input value. Use with caution.
  public get endTimeInput() {
    return this._endTime;
  }

  // group_ids - computed: false, optional: true, required: false
  private _groupIds?: number[]; 
  public get groupIds() {
    return cdktf.Token.asNumberList(cdktf.Fn.tolist(this.getNumberListAttribute('group_ids')));
  }
  public set groupIds(value: number[]) {
    this._groupIds = value;
  }
  public resetGroupIds() {
    this._groupIds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupIdsInput() {
    return this._groupIds;
  }

  // notice_way - computed: false, optional: false, required: true
  private _noticeWay?: string[]; 
  public get noticeWay() {
    return cdktf.Fn.tolist(this.getListAttribute('notice_way'));
  }
  public set noticeWay(value: string[]) {
    this._noticeWay = value;
  }
  // Temporarily expose input value. Use with caution.
  public get noticeWayInput() {
    return this._noticeWay;
  }

  // receiver_type - computed: false, optional: false, required: true
  private _receiverType?: string; 
  public get receiverType() {
    return this.getStringAttribute('receiver_type');
  }
  public set receiverType(value: string) {
    this._receiverType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get receiverTypeInput() {
    return this._receiverType;
  }

  // start_time - computed: false, optional: false, required: true
  private _startTime?: number; 
  public get startTime() {
    return this.getNumberAttribute('start_time');
  }
  public set startTime(value: number) {
    this._startTime = value;
  }
  // Temporarily expose input value. Use with caution.
  public get startTimeInput() {
    return this._startTime;
  }

  // user_ids - computed: false, optional: true, required: false
  private _userIds?: number[]; 
  public get userIds() {
    return cdktf.Token.asNumberList(cdktf.Fn.tolist(this.getNumberListAttribute('user_ids')));
  }
  public set userIds(value: number[]) {
    this._userIds = value;
  }
  public resetUserIds() {
    this._userIds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userIdsInput() {
    return this._userIds;
  }
}

export class MonitorAlarmNoticeUserNoticesList extends cdktf.ComplexList {
  public internalValue? : MonitorAlarmNoticeUserNotices[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): MonitorAlarmNoticeUserNoticesOutputReference {
    return new MonitorAlarmNoticeUserNoticesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice tencentcloud_monitor_alarm_notice}
*/
export class MonitorAlarmNotice extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "tencentcloud_monitor_alarm_notice";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a MonitorAlarmNotice resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the MonitorAlarmNotice to import
  * @param importFromId The id of the existing MonitorAlarmNotice that should be imported. Refer to the {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the MonitorAlarmNotice to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "tencentcloud_monitor_alarm_notice", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/monitor_alarm_notice tencentcloud_monitor_alarm_notice} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options MonitorAlarmNoticeConfig
  */
  public constructor(scope: Construct, id: string, config: MonitorAlarmNoticeConfig) {
    super(scope, id, {
      terraformResourceType: 'tencentcloud_monitor_alarm_notice',
      terraformGeneratorMetadata: {
        providerName: 'tencentcloud',
        providerVersion: '1.83.25'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._id = config.id;
    this._name = config.name;
    this._noticeLanguage = config.noticeLanguage;
    this._noticeType = config.noticeType;
    this._urlNotices.internalValue = config.urlNotices;
    this._userNotices.internalValue = config.userNotices;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: true, required: false
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  public resetId() {
    this._id = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // notice_language - computed: false, optional: false, required: true
  private _noticeLanguage?: string; 
  public get noticeLanguage() {
    return this.getStringAttribute('notice_language');
  }
  public set noticeLanguage(value: string) {
    this._noticeLanguage = value;
  }
  // Temporarily expose input value. Use with caution.
  public get noticeLanguageInput() {
    return this._noticeLanguage;
  }

  // notice_type - computed: false, optional: false, required: true
  private _noticeType?: string; 
  public get noticeType() {
    return this.getStringAttribute('notice_type');
  }
  public set noticeType(value: string) {
    this._noticeType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get noticeTypeInput() {
    return this._noticeType;
  }

  // url_notices - computed: false, optional: true, required: false
  private _urlNotices = new MonitorAlarmNoticeUrlNoticesList(this, "url_notices", false);
  public get urlNotices() {
    return this._urlNotices;
  }
  public putUrlNotices(value: MonitorAlarmNoticeUrlNotices[] | cdktf.IResolvable) {
    this._urlNotices.internalValue = value;
  }
  public resetUrlNotices() {
    this._urlNotices.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get urlNoticesInput() {
    return this._urlNotices.internalValue;
  }

  // user_notices - computed: false, optional: true, required: false
  private _userNotices = new MonitorAlarmNoticeUserNoticesList(this, "user_notices", false);
  public get userNotices() {
    return this._userNotices;
  }
  public putUserNotices(value: MonitorAlarmNoticeUserNotices[] | cdktf.IResolvable) {
    this._userNotices.internalValue = value;
  }
  public resetUserNotices() {
    this._userNotices.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userNoticesInput() {
    return this._userNotices.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      id: cdktf.stringToTerraform(this._id),
      name: cdktf.stringToTerraform(this._name),
      notice_language: cdktf.stringToTerraform(this._noticeLanguage),
      notice_type: cdktf.stringToTerraform(this._noticeType),
      url_notices: cdktf.listMapper(monitorAlarmNoticeUrlNoticesToTerraform, true)(this._urlNotices.internalValue),
      user_notices: cdktf.listMapper(monitorAlarmNoticeUserNoticesToTerraform, true)(this._userNotices.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      notice_language: {
        value: cdktf.stringToHclTerraform(this._noticeLanguage),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      notice_type: {
        value: cdktf.stringToHclTerraform(this._noticeType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      url_notices: {
        value: cdktf.listMapperHcl(monitorAlarmNoticeUrlNoticesToHclTerraform, true)(this._urlNotices.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "MonitorAlarmNoticeUrlNoticesList",
      },
      user_notices: {
        value: cdktf.listMapperHcl(monitorAlarmNoticeUserNoticesToHclTerraform, true)(this._userNotices.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "MonitorAlarmNoticeUserNoticesList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
