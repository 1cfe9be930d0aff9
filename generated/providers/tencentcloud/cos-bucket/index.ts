// https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface CosBucketConfig extends cdktf.TerraformMetaArguments {
  /**
  * Enable bucket acceleration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#acceleration_enable CosBucket#acceleration_enable}
  */
  readonly accelerationEnable?: boolean | cdktf.IResolvable;
  /**
  * The canned ACL to apply. Valid values: private, public-read, and public-read-write. Defaults to private.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#acl CosBucket#acl}
  */
  readonly acl?: string;
  /**
  * ACL XML body for multiple grant info.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#acl_body CosBucket#acl_body}
  */
  readonly aclBody?: string;
  /**
  * The name of a bucket to be created. Bucket format should be [custom name]-[appid], for example `mycos-1258798060`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#bucket CosBucket#bucket}
  */
  readonly bucket: string;
  /**
  * The server-side encryption algorithm to use. Valid values are `AES256`, `KMS` and `SM4`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#encryption_algorithm CosBucket#encryption_algorithm}
  */
  readonly encryptionAlgorithm?: string;
  /**
  * Force cleanup all objects before delete bucket.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#force_clean CosBucket#force_clean}
  */
  readonly forceClean?: boolean | cdktf.IResolvable;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#id CosBucket#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * The KMS Master Key ID. This value is valid only when `encryption_algorithm` is set to KMS.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#kms_id CosBucket#kms_id}
  */
  readonly kmsId?: string;
  /**
  * Indicate the access log of this bucket to be saved or not.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#log_enable CosBucket#log_enable}
  */
  readonly logEnable?: boolean | cdktf.IResolvable;
  /**
  * The prefix log name which saves the access log of this bucket per 5 minutes.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#log_prefix CosBucket#log_prefix}
  */
  readonly logPrefix?: string;
  /**
  * The target bucket name which saves the access log of this bucket per 5 minutes.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#log_target_bucket CosBucket#log_target_bucket}
  */
  readonly logTargetBucket?: string;
  /**
  * Indicates whether to create a bucket of multi available zone.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#multi_az CosBucket#multi_az}
  */
  readonly multiAz?: boolean | cdktf.IResolvable;
  /**
  * The tags of a bucket.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#tags CosBucket#tags}
  */
  readonly tags?: { [key: string]: string };
  /**
  * Enable bucket versioning.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#versioning_enable CosBucket#versioning_enable}
  */
  readonly versioningEnable?: boolean | cdktf.IResolvable;
  /**
  * Enable intelligent tiering. NOTE: When intelligent tiering configuration is enabled, it cannot be turned off or modified.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#enable_intelligent_tiering CosBucket#enable_intelligent_tiering}
  */
  readonly enableIntelligentTiering?: boolean | cdktf.IResolvable;
  /**
  * lifecycle_rules block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#lifecycle_rules CosBucket#lifecycle_rules}
  */
  readonly lifecycleRules?: CosBucketLifecycleRules[] | cdktf.IResolvable;
  /**
  * object_lock_configuration block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#object_lock_configuration CosBucket#object_lock_configuration}
  */
  readonly objectLockConfiguration?: CosBucketObjectLockConfiguration;
}
export interface CosBucketLifecycleRulesAbortIncompleteMultipartUpload {
  /**
  * Specifies the number of days after the multipart upload starts that the upload must be completed, 1 to 3650.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#days_after_initiation CosBucket#days_after_initiation}
  */
  readonly daysAfterInitiation: number;
}

export function cosBucketLifecycleRulesAbortIncompleteMultipartUploadToTerraform(struct?: CosBucketLifecycleRulesAbortIncompleteMultipartUploadOutputReference | CosBucketLifecycleRulesAbortIncompleteMultipartUpload): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    days_after_initiation: cdktf.numberToTerraform(struct!.daysAfterInitiation),
  }
}


export function cosBucketLifecycleRulesAbortIncompleteMultipartUploadToHclTerraform(struct?: CosBucketLifecycleRulesAbortIncompleteMultipartUploadOutputReference | CosBucketLifecycleRulesAbortIncompleteMultipartUpload): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    days_after_initiation: {
      value: cdktf.numberToHclTerraform(struct!.daysAfterInitiation),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketLifecycleRulesAbortIncompleteMultipartUploadOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): CosBucketLifecycleRulesAbortIncompleteMultipartUpload | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._daysAfterInitiation !== undefined) {
      hasAnyValues = true;
      internalValueResult.daysAfterInitiation = this._daysAfterInitiation;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketLifecycleRulesAbortIncompleteMultipartUpload | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._daysAfterInitiation = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._daysAfterInitiation = value.daysAfterInitiation;
    }
  }

  // days_after_initiation - computed: false, optional: false, required: true
  private _daysAfterInitiation?: number; 
  public get daysAfterInitiation() {
    return this.getNumberAttribute('days_after_initiation');
  }
  public set daysAfterInitiation(value: number) {
    this._daysAfterInitiation = value;
  }
  // Temporarily expose input value. Use with caution.
  public get daysAfterInitiationInput() {
    return this._daysAfterInitiation;
  }
}
export interface CosBucketLifecycleRulesExpiration {
  /**
  * Specifies the date after which you want the corresponding action to take effect.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#date CosBucket#date}
  */
  readonly date?: string;
  /**
  * Specifies the number of days after object creation when the specific rule action takes effect.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#days CosBucket#days}
  */
  readonly days?: number;
  /**
  * Indicates whether the delete marker of an expired object will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#delete_marker CosBucket#delete_marker}
  */
  readonly deleteMarker?: boolean | cdktf.IResolvable;
}

export function cosBucketLifecycleRulesExpirationToTerraform(struct?: CosBucketLifecycleRulesExpirationOutputReference | CosBucketLifecycleRulesExpiration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    date: cdktf.stringToTerraform(struct!.date),
    days: cdktf.numberToTerraform(struct!.days),
    delete_marker: cdktf.booleanToTerraform(struct!.deleteMarker),
  }
}


export function cosBucketLifecycleRulesExpirationToHclTerraform(struct?: CosBucketLifecycleRulesExpirationOutputReference | CosBucketLifecycleRulesExpiration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    date: {
      value: cdktf.stringToHclTerraform(struct!.date),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    days: {
      value: cdktf.numberToHclTerraform(struct!.days),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    delete_marker: {
      value: cdktf.booleanToHclTerraform(struct!.deleteMarker),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketLifecycleRulesExpirationOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): CosBucketLifecycleRulesExpiration | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._date !== undefined) {
      hasAnyValues = true;
      internalValueResult.date = this._date;
    }
    if (this._days !== undefined) {
      hasAnyValues = true;
      internalValueResult.days = this._days;
    }
    if (this._deleteMarker !== undefined) {
      hasAnyValues = true;
      internalValueResult.deleteMarker = this._deleteMarker;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketLifecycleRulesExpiration | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._date = undefined;
      this._days = undefined;
      this._deleteMarker = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._date = value.date;
      this._days = value.days;
      this._deleteMarker = value.deleteMarker;
    }
  }

  // date - computed: false, optional: true, required: false
  private _date?: string; 
  public get date() {
    return this.getStringAttribute('date');
  }
  public set date(value: string) {
    this._date = value;
  }
  public resetDate() {
    this._date = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dateInput() {
    return this._date;
  }

  // days - computed: false, optional: true, required: false
  private _days?: number; 
  public get days() {
    return this.getNumberAttribute('days');
  }
  public set days(value: number) {
    this._days = value;
  }
  public resetDays() {
    this._days = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get daysInput() {
    return this._days;
  }

  // delete_marker - computed: false, optional: true, required: false
  private _deleteMarker?: boolean | cdktf.IResolvable; 
  public get deleteMarker() {
    return this.getBooleanAttribute('delete_marker');
  }
  public set deleteMarker(value: boolean | cdktf.IResolvable) {
    this._deleteMarker = value;
  }
  public resetDeleteMarker() {
    this._deleteMarker = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteMarkerInput() {
    return this._deleteMarker;
  }
}
export interface CosBucketLifecycleRulesNonCurrentExpiration {
  /**
  * Number of days after non current object creation when the specific rule action takes effect.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#non_current_days CosBucket#non_current_days}
  */
  readonly nonCurrentDays?: number;
}

export function cosBucketLifecycleRulesNonCurrentExpirationToTerraform(struct?: CosBucketLifecycleRulesNonCurrentExpirationOutputReference | CosBucketLifecycleRulesNonCurrentExpiration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    non_current_days: cdktf.numberToTerraform(struct!.nonCurrentDays),
  }
}


export function cosBucketLifecycleRulesNonCurrentExpirationToHclTerraform(struct?: CosBucketLifecycleRulesNonCurrentExpirationOutputReference | CosBucketLifecycleRulesNonCurrentExpiration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    non_current_days: {
      value: cdktf.numberToHclTerraform(struct!.nonCurrentDays),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketLifecycleRulesNonCurrentExpirationOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): CosBucketLifecycleRulesNonCurrentExpiration | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._nonCurrentDays !== undefined) {
      hasAnyValues = true;
      internalValueResult.nonCurrentDays = this._nonCurrentDays;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketLifecycleRulesNonCurrentExpiration | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._nonCurrentDays = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._nonCurrentDays = value.nonCurrentDays;
    }
  }

  // non_current_days - computed: false, optional: true, required: false
  private _nonCurrentDays?: number; 
  public get nonCurrentDays() {
    return this.getNumberAttribute('non_current_days');
  }
  public set nonCurrentDays(value: number) {
    this._nonCurrentDays = value;
  }
  public resetNonCurrentDays() {
    this._nonCurrentDays = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nonCurrentDaysInput() {
    return this._nonCurrentDays;
  }
}
export interface CosBucketLifecycleRulesTransition {
  /**
  * Specifies the date after which you want the corresponding action to take effect.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#date CosBucket#date}
  */
  readonly date?: string;
  /**
  * Specifies the number of days after object creation when the specific rule action takes effect.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#days CosBucket#days}
  */
  readonly days?: number;
  /**
  * Specifies the storage class to which you want the object to transition. Available values include `STANDARD_IA`, `MAZ_STANDARD_IA`, `INTELLIGENT_TIERING`, `MAZ_INTELLIGENT_TIERING`, `ARCHIVE`, `DEEP_ARCHIVE`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#storage_class CosBucket#storage_class}
  */
  readonly storageClass: string;
}

export function cosBucketLifecycleRulesTransitionToTerraform(struct?: CosBucketLifecycleRulesTransition | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    date: cdktf.stringToTerraform(struct!.date),
    days: cdktf.numberToTerraform(struct!.days),
    storage_class: cdktf.stringToTerraform(struct!.storageClass),
  }
}


export function cosBucketLifecycleRulesTransitionToHclTerraform(struct?: CosBucketLifecycleRulesTransition | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    date: {
      value: cdktf.stringToHclTerraform(struct!.date),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    days: {
      value: cdktf.numberToHclTerraform(struct!.days),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    storage_class: {
      value: cdktf.stringToHclTerraform(struct!.storageClass),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketLifecycleRulesTransitionOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): CosBucketLifecycleRulesTransition | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._date !== undefined) {
      hasAnyValues = true;
      internalValueResult.date = this._date;
    }
    if (this._days !== undefined) {
      hasAnyValues = true;
      internalValueResult.days = this._days;
    }
    if (this._storageClass !== undefined) {
      hasAnyValues = true;
      internalValueResult.storageClass = this._storageClass;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketLifecycleRulesTransition | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._date = undefined;
      this._days = undefined;
      this._storageClass = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._date = value.date;
      this._days = value.days;
      this._storageClass = value.storageClass;
    }
  }

  // date - computed: false, optional: true, required: false
  private _date?: string; 
  public get date() {
    return this.getStringAttribute('date');
  }
  public set date(value: string) {
    this._date = value;
  }
  public resetDate() {
    this._date = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dateInput() {
    return this._date;
  }

  // days - computed: false, optional: true, required: false
  private _days?: number; 
  public get days() {
    return this.getNumberAttribute('days');
  }
  public set days(value: number) {
    this._days = value;
  }
  public resetDays() {
    this._days = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get daysInput() {
    return this._days;
  }

  // storage_class - computed: false, optional: false, required: true
  private _storageClass?: string; 
  public get storageClass() {
    return this.getStringAttribute('storage_class');
  }
  public set storageClass(value: string) {
    this._storageClass = value;
  }
  // Temporarily expose input value. Use with caution.
  public get storageClassInput() {
    return this._storageClass;
  }
}

export class CosBucketLifecycleRulesTransitionList extends cdktf.ComplexList {
  public internalValue? : CosBucketLifecycleRulesTransition[] | cdktf.IResolvable

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
  public get(index: number): CosBucketLifecycleRulesTransitionOutputReference {
    return new CosBucketLifecycleRulesTransitionOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface CosBucketLifecycleRules {
  /**
  * Object key prefix identifying one or more objects to which the rule applies.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#filter_prefix CosBucket#filter_prefix}
  */
  readonly filterPrefix?: string;
  /**
  * The unique identifier of the rule.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#id CosBucket#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * abort_incomplete_multipart_upload block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#abort_incomplete_multipart_upload CosBucket#abort_incomplete_multipart_upload}
  */
  readonly abortIncompleteMultipartUpload?: CosBucketLifecycleRulesAbortIncompleteMultipartUpload;
  /**
  * expiration block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#expiration CosBucket#expiration}
  */
  readonly expiration?: CosBucketLifecycleRulesExpiration;
  /**
  * non_current_expiration block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#non_current_expiration CosBucket#non_current_expiration}
  */
  readonly nonCurrentExpiration?: CosBucketLifecycleRulesNonCurrentExpiration;
  /**
  * transition block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#transition CosBucket#transition}
  */
  readonly transition?: CosBucketLifecycleRulesTransition[] | cdktf.IResolvable;
}

export function cosBucketLifecycleRulesToTerraform(struct?: CosBucketLifecycleRules | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    filter_prefix: cdktf.stringToTerraform(struct!.filterPrefix),
    id: cdktf.stringToTerraform(struct!.id),
    abort_incomplete_multipart_upload: cosBucketLifecycleRulesAbortIncompleteMultipartUploadToTerraform(struct!.abortIncompleteMultipartUpload),
    expiration: cosBucketLifecycleRulesExpirationToTerraform(struct!.expiration),
    non_current_expiration: cosBucketLifecycleRulesNonCurrentExpirationToTerraform(struct!.nonCurrentExpiration),
    transition: cdktf.listMapper(cosBucketLifecycleRulesTransitionToTerraform, true)(struct!.transition),
  }
}


export function cosBucketLifecycleRulesToHclTerraform(struct?: CosBucketLifecycleRules | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    filter_prefix: {
      value: cdktf.stringToHclTerraform(struct!.filterPrefix),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    id: {
      value: cdktf.stringToHclTerraform(struct!.id),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    abort_incomplete_multipart_upload: {
      value: cosBucketLifecycleRulesAbortIncompleteMultipartUploadToHclTerraform(struct!.abortIncompleteMultipartUpload),
      isBlock: true,
      type: "set",
      storageClassType: "CosBucketLifecycleRulesAbortIncompleteMultipartUploadList",
    },
    expiration: {
      value: cosBucketLifecycleRulesExpirationToHclTerraform(struct!.expiration),
      isBlock: true,
      type: "set",
      storageClassType: "CosBucketLifecycleRulesExpirationList",
    },
    non_current_expiration: {
      value: cosBucketLifecycleRulesNonCurrentExpirationToHclTerraform(struct!.nonCurrentExpiration),
      isBlock: true,
      type: "set",
      storageClassType: "CosBucketLifecycleRulesNonCurrentExpirationList",
    },
    transition: {
      value: cdktf.listMapperHcl(cosBucketLifecycleRulesTransitionToHclTerraform, true)(struct!.transition),
      isBlock: true,
      type: "set",
      storageClassType: "CosBucketLifecycleRulesTransitionList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketLifecycleRulesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): CosBucketLifecycleRules | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._filterPrefix !== undefined) {
      hasAnyValues = true;
      internalValueResult.filterPrefix = this._filterPrefix;
    }
    if (this._id !== undefined) {
      hasAnyValues = true;
      internalValueResult.id = this._id;
    }
    if (this._abortIncompleteMultipartUpload?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.abortIncompleteMultipartUpload = this._abortIncompleteMultipartUpload?.internalValue;
    }
    if (this._expiration?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.expiration = this._expiration?.internalValue;
    }
    if (this._nonCurrentExpiration?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.nonCurrentExpiration = this._nonCurrentExpiration?.internalValue;
    }
    if (this._transition?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.transition = this._transition?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketLifecycleRules | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._filterPrefix = undefined;
      this._id = undefined;
      this._abortIncompleteMultipartUpload.internalValue = undefined;
      this._expiration.internalValue = undefined;
      this._nonCurrentExpiration.internalValue = undefined;
      this._transition.internalValue = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._filterPrefix = value.filterPrefix;
      this._id = value.id;
      this._abortIncompleteMultipartUpload.internalValue = value.abortIncompleteMultipartUpload;
      this._expiration.internalValue = value.expiration;
      this._nonCurrentExpiration.internalValue = value.nonCurrentExpiration;
      this._transition.internalValue = value.transition;
    }
  }

  // filter_prefix - computed: false, optional: true, required: false
  private _filterPrefix?: string; 
  public get filterPrefix() {
    return this.getStringAttribute('filter_prefix');
  }
  public set filterPrefix(value: string) {
    this._filterPrefix = value;
  }
  public resetFilterPrefix() {
    this._filterPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get filterPrefixInput() {
    return this._filterPrefix;
  }

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

  // abort_incomplete_multipart_upload - computed: false, optional: true, required: false
  private _abortIncompleteMultipartUpload = new CosBucketLifecycleRulesAbortIncompleteMultipartUploadOutputReference(this, "abort_incomplete_multipart_upload");
  public get abortIncompleteMultipartUpload() {
    return this._abortIncompleteMultipartUpload;
  }
  public putAbortIncompleteMultipartUpload(value: CosBucketLifecycleRulesAbortIncompleteMultipartUpload) {
    this._abortIncompleteMultipartUpload.internalValue = value;
  }
  public resetAbortIncompleteMultipartUpload() {
    this._abortIncompleteMultipartUpload.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get abortIncompleteMultipartUploadInput() {
    return this._abortIncompleteMultipartUpload.internalValue;
  }

  // expiration - computed: false, optional: true, required: false
  private _expiration = new CosBucketLifecycleRulesExpirationOutputReference(this, "expiration");
  public get expiration() {
    return this._expiration;
  }
  public putExpiration(value: CosBucketLifecycleRulesExpiration) {
    this._expiration.internalValue = value;
  }
  public resetExpiration() {
    this._expiration.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get expirationInput() {
    return this._expiration.internalValue;
  }

  // non_current_expiration - computed: false, optional: true, required: false
  private _nonCurrentExpiration = new CosBucketLifecycleRulesNonCurrentExpirationOutputReference(this, "non_current_expiration");
  public get nonCurrentExpiration() {
    return this._nonCurrentExpiration;
  }
  public putNonCurrentExpiration(value: CosBucketLifecycleRulesNonCurrentExpiration) {
    this._nonCurrentExpiration.internalValue = value;
  }
  public resetNonCurrentExpiration() {
    this._nonCurrentExpiration.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nonCurrentExpirationInput() {
    return this._nonCurrentExpiration.internalValue;
  }

  // transition - computed: false, optional: true, required: false
  private _transition = new CosBucketLifecycleRulesTransitionList(this, "transition", true);
  public get transition() {
    return this._transition;
  }
  public putTransition(value: CosBucketLifecycleRulesTransition[] | cdktf.IResolvable) {
    this._transition.internalValue = value;
  }
  public resetTransition() {
    this._transition.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get transitionInput() {
    return this._transition.internalValue;
  }
}

export class CosBucketLifecycleRulesList extends cdktf.ComplexList {
  public internalValue? : CosBucketLifecycleRules[] | cdktf.IResolvable

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
  public get(index: number): CosBucketLifecycleRulesOutputReference {
    return new CosBucketLifecycleRulesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface CosBucketObjectLockConfigurationRule {
  /**
  * Object lock default duration (range: 1-36500).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#days CosBucket#days}
  */
  readonly days: number;
}

export function cosBucketObjectLockConfigurationRuleToTerraform(struct?: CosBucketObjectLockConfigurationRuleOutputReference | CosBucketObjectLockConfigurationRule): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    days: cdktf.numberToTerraform(struct!.days),
  }
}


export function cosBucketObjectLockConfigurationRuleToHclTerraform(struct?: CosBucketObjectLockConfigurationRuleOutputReference | CosBucketObjectLockConfigurationRule): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    days: {
      value: cdktf.numberToHclTerraform(struct!.days),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketObjectLockConfigurationRuleOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): CosBucketObjectLockConfigurationRule | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._days !== undefined) {
      hasAnyValues = true;
      internalValueResult.days = this._days;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketObjectLockConfigurationRule | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._days = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._days = value.days;
    }
  }

  // days - computed: false, optional: false, required: true
  private _days?: number; 
  public get days() {
    return this.getNumberAttribute('days');
  }
  public set days(value: number) {
    this._days = value;
  }
  // Temporarily expose input value. Use with caution.
  public get daysInput() {
    return this._days;
  }
}
export interface CosBucketObjectLockConfiguration {
  /**
  * Enable object lock configuration.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#enabled CosBucket#enabled}
  */
  readonly enabled: boolean | cdktf.IResolvable;
  /**
  * rule block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#rule CosBucket#rule}
  */
  readonly rule?: CosBucketObjectLockConfigurationRule;
}

export function cosBucketObjectLockConfigurationToTerraform(struct?: CosBucketObjectLockConfigurationOutputReference | CosBucketObjectLockConfiguration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    enabled: cdktf.booleanToTerraform(struct!.enabled),
    rule: cosBucketObjectLockConfigurationRuleToTerraform(struct!.rule),
  }
}


export function cosBucketObjectLockConfigurationToHclTerraform(struct?: CosBucketObjectLockConfigurationOutputReference | CosBucketObjectLockConfiguration): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    enabled: {
      value: cdktf.booleanToHclTerraform(struct!.enabled),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    rule: {
      value: cosBucketObjectLockConfigurationRuleToHclTerraform(struct!.rule),
      isBlock: true,
      type: "list",
      storageClassType: "CosBucketObjectLockConfigurationRuleList",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class CosBucketObjectLockConfigurationOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false, 0);
  }

  public get internalValue(): CosBucketObjectLockConfiguration | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._enabled !== undefined) {
      hasAnyValues = true;
      internalValueResult.enabled = this._enabled;
    }
    if (this._rule?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.rule = this._rule?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CosBucketObjectLockConfiguration | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this._enabled = undefined;
      this._rule.internalValue = undefined;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this._enabled = value.enabled;
      this._rule.internalValue = value.rule;
    }
  }

  // enabled - computed: false, optional: false, required: true
  private _enabled?: boolean | cdktf.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktf.IResolvable) {
    this._enabled = value;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // rule - computed: false, optional: true, required: false
  private _rule = new CosBucketObjectLockConfigurationRuleOutputReference(this, "rule");
  public get rule() {
    return this._rule;
  }
  public putRule(value: CosBucketObjectLockConfigurationRule) {
    this._rule.internalValue = value;
  }
  public resetRule() {
    this._rule.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ruleInput() {
    return this._rule.internalValue;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket tencentcloud_cos_bucket}
*/
export class CosBucket extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "tencentcloud_cos_bucket";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a CosBucket resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the CosBucket to import
  * @param importFromId The id of the existing CosBucket that should be imported. Refer to the {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the CosBucket to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "tencentcloud_cos_bucket", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/1.83.25/docs/resources/cos_bucket tencentcloud_cos_bucket} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options CosBucketConfig
  */
  public constructor(scope: Construct, id: string, config: CosBucketConfig) {
    super(scope, id, {
      terraformResourceType: 'tencentcloud_cos_bucket',
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
    this._accelerationEnable = config.accelerationEnable;
    this._acl = config.acl;
    this._aclBody = config.aclBody;
    this._bucket = config.bucket;
    this._encryptionAlgorithm = config.encryptionAlgorithm;
    this._forceClean = config.forceClean;
    this._id = config.id;
    this._kmsId = config.kmsId;
    this._logEnable = config.logEnable;
    this._logPrefix = config.logPrefix;
    this._logTargetBucket = config.logTargetBucket;
    this._multiAz = config.multiAz;
    this._tags = config.tags;
    this._versioningEnable = config.versioningEnable;
    this._enableIntelligentTiering = config.enableIntelligentTiering;
    this._lifecycleRules.internalValue = config.lifecycleRules;
    this._objectLockConfiguration.internalValue = config.objectLockConfiguration;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // acceleration_enable - computed: false, optional: true, required: false
  private _accelerationEnable?: boolean | cdktf.IResolvable; 
  public get accelerationEnable() {
    return this.getBooleanAttribute('acceleration_enable');
  }
  public set accelerationEnable(value: boolean | cdktf.IResolvable) {
    this._accelerationEnable = value;
  }
  public resetAccelerationEnable() {
    this._accelerationEnable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get accelerationEnableInput() {
    return this._accelerationEnable;
  }

  // acl - computed: false, optional: true, required: false
  private _acl?: string; 
  public get acl() {
    return this.getStringAttribute('acl');
  }
  public set acl(value: string) {
    this._acl = value;
  }
  public resetAcl() {
    this._acl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aclInput() {
    return this._acl;
  }

  // acl_body - computed: true, optional: true, required: false
  private _aclBody?: string; 
  public get aclBody() {
    return this.getStringAttribute('acl_body');
  }
  public set aclBody(value: string) {
    this._aclBody = value;
  }
  public resetAclBody() {
    this._aclBody = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aclBodyInput() {
    return this._aclBody;
  }

  // bucket - computed: false, optional: false, required: true
  private _bucket?: string; 
  public get bucket() {
    return this.getStringAttribute('bucket');
  }
  public set bucket(value: string) {
    this._bucket = value;
  }
  // Temporarily expose input value. Use with caution.
  public get bucketInput() {
    return this._bucket;
  }

  // cos_bucket_url - computed: true, optional: false, required: false
  public get cosBucketUrl() {
    return this.getStringAttribute('cos_bucket_url');
  }

  // encryption_algorithm - computed: false, optional: true, required: false
  private _encryptionAlgorithm?: string; 
  public get encryptionAlgorithm() {
    return this.getStringAttribute('encryption_algorithm');
  }
  public set encryptionAlgorithm(value: string) {
    this._encryptionAlgorithm = value;
  }
  public resetEncryptionAlgorithm() {
    this._encryptionAlgorithm = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get encryptionAlgorithmInput() {
    return this._encryptionAlgorithm;
  }

  // force_clean - computed: false, optional: true, required: false
  private _forceClean?: boolean | cdktf.IResolvable; 
  public get forceClean() {
    return this.getBooleanAttribute('force_clean');
  }
  public set forceClean(value: boolean | cdktf.IResolvable) {
    this._forceClean = value;
  }
  public resetForceClean() {
    this._forceClean = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceCleanInput() {
    return this._forceClean;
  }

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

  // kms_id - computed: false, optional: true, required: false
  private _kmsId?: string; 
  public get kmsId() {
    return this.getStringAttribute('kms_id');
  }
  public set kmsId(value: string) {
    this._kmsId = value;
  }
  public resetKmsId() {
    this._kmsId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get kmsIdInput() {
    return this._kmsId;
  }

  // log_enable - computed: false, optional: true, required: false
  private _logEnable?: boolean | cdktf.IResolvable; 
  public get logEnable() {
    return this.getBooleanAttribute('log_enable');
  }
  public set logEnable(value: boolean | cdktf.IResolvable) {
    this._logEnable = value;
  }
  public resetLogEnable() {
    this._logEnable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logEnableInput() {
    return this._logEnable;
  }

  // log_prefix - computed: false, optional: true, required: false
  private _logPrefix?: string; 
  public get logPrefix() {
    return this.getStringAttribute('log_prefix');
  }
  public set logPrefix(value: string) {
    this._logPrefix = value;
  }
  public resetLogPrefix() {
    this._logPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logPrefixInput() {
    return this._logPrefix;
  }

  // log_target_bucket - computed: false, optional: true, required: false
  private _logTargetBucket?: string; 
  public get logTargetBucket() {
    return this.getStringAttribute('log_target_bucket');
  }
  public set logTargetBucket(value: string) {
    this._logTargetBucket = value;
  }
  public resetLogTargetBucket() {
    this._logTargetBucket = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logTargetBucketInput() {
    return this._logTargetBucket;
  }

  // multi_az - computed: false, optional: true, required: false
  private _multiAz?: boolean | cdktf.IResolvable; 
  public get multiAz() {
    return this.getBooleanAttribute('multi_az');
  }
  public set multiAz(value: boolean | cdktf.IResolvable) {
    this._multiAz = value;
  }
  public resetMultiAz() {
    this._multiAz = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get multiAzInput() {
    return this._multiAz;
  }

  // tags - computed: false, optional: true, required: false
  private _tags?: { [key: string]: string }; 
  public get tags() {
    return this.getStringMapAttribute('tags');
  }
  public set tags(value: { [key: string]: string }) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // versioning_enable - computed: false, optional: true, required: false
  private _versioningEnable?: boolean | cdktf.IResolvable; 
  public get versioningEnable() {
    return this.getBooleanAttribute('versioning_enable');
  }
  public set versioningEnable(value: boolean | cdktf.IResolvable) {
    this._versioningEnable = value;
  }
  public resetVersioningEnable() {
    this._versioningEnable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get versioningEnableInput() {
    return this._versioningEnable;
  }

  // enable_intelligent_tiering - computed: true, optional: true, required: false
  private _enableIntelligentTiering?: boolean | cdktf.IResolvable; 
  public get enableIntelligentTiering() {
    return this.getBooleanAttribute('enable_intelligent_tiering');
  }
  public set enableIntelligentTiering(value: boolean | cdktf.IResolvable) {
    this._enableIntelligentTiering = value;
  }
  public resetEnableIntelligentTiering() {
    this._enableIntelligentTiering = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enableIntelligentTieringInput() {
    return this._enableIntelligentTiering;
  }

  // lifecycle_rules - computed: false, optional: true, required: false
  private _lifecycleRules = new CosBucketLifecycleRulesList(this, "lifecycle_rules", false);
  public get lifecycleRules() {
    return this._lifecycleRules;
  }
  public putLifecycleRules(value: CosBucketLifecycleRules[] | cdktf.IResolvable) {
    this._lifecycleRules.internalValue = value;
  }
  public resetLifecycleRules() {
    this._lifecycleRules.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get lifecycleRulesInput() {
    return this._lifecycleRules.internalValue;
  }

  // object_lock_configuration - computed: false, optional: true, required: false
  private _objectLockConfiguration = new CosBucketObjectLockConfigurationOutputReference(this, "object_lock_configuration");
  public get objectLockConfiguration() {
    return this._objectLockConfiguration;
  }
  public putObjectLockConfiguration(value: CosBucketObjectLockConfiguration) {
    this._objectLockConfiguration.internalValue = value;
  }
  public resetObjectLockConfiguration() {
    this._objectLockConfiguration.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get objectLockConfigurationInput() {
    return this._objectLockConfiguration.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      acceleration_enable: cdktf.booleanToTerraform(this._accelerationEnable),
      acl: cdktf.stringToTerraform(this._acl),
      acl_body: cdktf.stringToTerraform(this._aclBody),
      bucket: cdktf.stringToTerraform(this._bucket),
      encryption_algorithm: cdktf.stringToTerraform(this._encryptionAlgorithm),
      force_clean: cdktf.booleanToTerraform(this._forceClean),
      id: cdktf.stringToTerraform(this._id),
      kms_id: cdktf.stringToTerraform(this._kmsId),
      log_enable: cdktf.booleanToTerraform(this._logEnable),
      log_prefix: cdktf.stringToTerraform(this._logPrefix),
      log_target_bucket: cdktf.stringToTerraform(this._logTargetBucket),
      multi_az: cdktf.booleanToTerraform(this._multiAz),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(this._tags),
      versioning_enable: cdktf.booleanToTerraform(this._versioningEnable),
      enable_intelligent_tiering: cdktf.booleanToTerraform(this._enableIntelligentTiering),
      lifecycle_rules: cdktf.listMapper(cosBucketLifecycleRulesToTerraform, true)(this._lifecycleRules.internalValue),
      object_lock_configuration: cosBucketObjectLockConfigurationToTerraform(this._objectLockConfiguration.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      acceleration_enable: {
        value: cdktf.booleanToHclTerraform(this._accelerationEnable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      acl: {
        value: cdktf.stringToHclTerraform(this._acl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      acl_body: {
        value: cdktf.stringToHclTerraform(this._aclBody),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      bucket: {
        value: cdktf.stringToHclTerraform(this._bucket),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      encryption_algorithm: {
        value: cdktf.stringToHclTerraform(this._encryptionAlgorithm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      force_clean: {
        value: cdktf.booleanToHclTerraform(this._forceClean),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      kms_id: {
        value: cdktf.stringToHclTerraform(this._kmsId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      log_enable: {
        value: cdktf.booleanToHclTerraform(this._logEnable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      log_prefix: {
        value: cdktf.stringToHclTerraform(this._logPrefix),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      log_target_bucket: {
        value: cdktf.stringToHclTerraform(this._logTargetBucket),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      multi_az: {
        value: cdktf.booleanToHclTerraform(this._multiAz),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      tags: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._tags),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      versioning_enable: {
        value: cdktf.booleanToHclTerraform(this._versioningEnable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      enable_intelligent_tiering: {
        value: cdktf.booleanToHclTerraform(this._enableIntelligentTiering),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      lifecycle_rules: {
        value: cdktf.listMapperHcl(cosBucketLifecycleRulesToHclTerraform, true)(this._lifecycleRules.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "CosBucketLifecycleRulesList",
      },
      object_lock_configuration: {
        value: cosBucketObjectLockConfigurationToHclTerraform(this._objectLockConfiguration.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "CosBucketObjectLockConfigurationList",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
