// Package classic is Amazon Inspector Classic (API "inspector", version
// 2016-02-16): assessment targets of EC2 instances, immutable assessment
// templates, assessment runs that collect data for their duration and then
// evaluate rules packages, and the findings they produce, for every account
// of a partition, per region.
//
// # The model
//
// A Service (New) holds, per account and region, resource groups (sets of
// EC2 tags: an instance belongs to a group when it carries any of its
// tags, a tag without a value matching every value of its key), assessment
// targets (a resource group, or every instance of the account and region),
// templates (a target, 1 to 50 rules packages of the region, a run duration
// of 180 to 86,400 seconds, up to 10 user attributes for findings; a
// template never changes after it is created — there is no update API —
// except for its tags), runs, findings, event subscriptions and exclusions.
// Every operation takes the caller (an *authz.Principal) and the region and
// returns the output or an *Error.
//
// EC2 instances come from the embedding program: PutInstance registers
// them, and Config.Instances supplies more (FromInspector reads the
// instances registered with Amazon Inspector, package inspector, so that one
// registration serves both services). An Instance is inspector's
// EC2Instance (tags, packages, security groups, whether the subnet routes
// to the internet) plus what the Inspector Classic agent reports (health,
// hostname, listening ports).
//
// # Assessment runs
//
// StartAssessmentRun takes the instances the target holds at that moment
// (its agents) and evaluates them with the template's rules packages,
// through the same scan engine as Amazon Inspector (inspector.Scanner):
//
//   - Common Vulnerabilities and Exposures: the packages of each instance
//     with a healthy agent against the advisory database (Config.Advisories),
//     one finding per vulnerability and instance, titled "Instance <id> is
//     vulnerable to <CVE>", with Classic's severity from the CVSS v3 base
//     score (High from 7.0, Medium from 4.0, Low above 0, Informational at
//     0; else the vendor's rating; else Undefined).
//   - Network Reachability: the ports each instance's security groups open
//     to the internet when its subnet routes to an internet gateway
//     (inspector.OpenPorts); one finding per reachable well-known port
//     (RecognizedPortWithListener / RecognizedPortNoListener /
//     RecognizedPortNoAgent, Medium, Low for HTTP and HTTPS), per other
//     reachable port with a listener (UnrecognizedPortWithListener, Low),
//     and a NetworkExposure summary (Informational). No agent is needed.
//   - CIS Operating System Security Configuration Benchmarks and Security
//     Best Practices: the model has no configuration data to assess; each
//     instance gets the exclusion "Rules package not supported by OS"
//     rather than invented results.
//
// A rules package that was evaluated and found nothing gets the finding
// "No potential security issues found" (Informational). Instances without a
// healthy agent are excluded from the agent-based packages ("Agent not
// found", "Agent is unhealthy"), and the run then ends
// COMPLETED_WITH_ERRORS; an instance of an unsupported platform is
// excluded from the CVE package ("Unsupported OS version"). A target with
// no instance makes the run FAILED ("No instances in target").
//
// The run's state machine (see StepDelay for the timing) is CREATED →
// START_DATA_COLLECTION_PENDING → START_DATA_COLLECTION_IN_PROGRESS →
// COLLECTING_DATA (for the template's duration) →
// STOP_DATA_COLLECTION_PENDING → DATA_COLLECTED →
// START_EVALUATING_RULES_PENDING → EVALUATING_RULES → COMPLETED or
// COMPLETED_WITH_ERRORS, or FAILED, or CANCELED by StopAssessmentRun
// (SKIP_EVALUATION; START_EVALUATION stops collecting early and evaluates).
// Runs advance lazily by the injected clock on every call; each state
// change is stamped with the time it was due, recorded in stateChanges and
// notified to the SNS topics subscribed to the template's events
// (ASSESSMENT_RUN_STATE_CHANGED, ASSESSMENT_RUN_STARTED at
// COLLECTING_DATA, ASSESSMENT_RUN_COMPLETED at the end, FINDING_REPORTED
// per finding; at most 50 per run; the model has no SNS, so every
// publication succeeds). Findings and exclusions are published when the
// run ends; findingCounts then counts them by severity. An instance takes
// part in one run in progress at a time (AgentsAlreadyRunningAssessmentException).
//
// # Limits and the service-linked role
//
// Per account and region: 50 assessment targets, 500 templates, 50,000
// runs and 500 instances in runs in progress (LimitExceededException with
// errorCode ASSESSMENT_TARGET_LIMIT_EXCEEDED, ASSESSMENT_TEMPLATE_LIMIT_EXCEEDED
// or ASSESSMENT_RUN_LIMIT_EXCEEDED); Config.Limits overrides them and can
// bound resource groups and event subscriptions, for which AWS publishes no
// limit. The first assessment target (or template) of an account creates
// the service-linked role AWSServiceRoleForAmazonInspector (trusting
// inspector.amazonaws.com) through Config.Identities; the caller then
// also needs iam:CreateServiceLinkedRole on it.
//
// # IAM
//
// Every operation needs inspector:<Operation> on "*": Inspector Classic has
// no resource-level permissions and no service-specific condition keys.
// RegisterCrossAccountAccessRole also needs iam:PassRole on the role
// (iam:PassedToService inspector.amazonaws.com). A denial is
// AccessDeniedException whose errorCode names the kind of resource the
// operation is about (ACCESS_DENIED_TO_ASSESSMENT_TARGET, …); a resource ARN
// of another account is AccessDeniedException too, an ARN of another
// region NoSuchEntityException.
//
// # Errors
//
// Every error is an *Error with the AWS code, message, errorCode (field
// ErrorCode_, as aws-sdk-go-v2 names it), canRetry and HTTP status, and
// unwraps to a sentinel (ErrInvalidInput, ErrNoSuchEntity, …). Input is
// checked against the service model before IAM is asked. The
// InvalidInputErrorCode enum has 54 values; where none names the problem
// the model chooses the nearest: a run name is checked with the template
// name codes (INVALID_ASSESSMENT_TEMPLATE_NAME, …_NAME_PATTERN,
// ASSESSMENT_TEMPLATE_NAME_ALREADY_TAKEN), an unknown stop action or a
// report of a failed or canceled run is INVALID_ASSESSMENT_RUN_STATE, an
// exclusion ARN or count INVALID_RESOURCE_ARN, a malformed preview token
// INVALID_PAGINATION_TOKEN, an unknown one NoSuchEntityException
// ASSESSMENT_TEMPLATE_DOES_NOT_EXIST, an unknown report format or type and
// a region without Inspector Classic UnsupportedFeatureException.
// INVALID_FINDING_ARN is never returned: malformed finding ARNs are failed
// items (INVALID_ARN) of the batch calls, as other malformed ARNs are in
// Describe calls. The messages are the model's own: AWS does not publish
// them. The errors' HTTP status is the JSON protocol's (the
// model declares none): 400, 500 for InternalException (a malformed
// instance from Config.Instances), 503 for
// ServiceTemporarilyUnavailableException (Config.Identities failed).
//
// # What is modelled and what is not
//
//   - Implemented: every operation of the API (37), with the behaviour
//     above.
//   - GetAssessmentReport renders the report itself (HTML, or a plain-text
//     PDF) deterministically from the run and answers COMPLETED at once;
//     see Service.AssessmentReport for the URL.
//   - GetTelemetryMetadata and the agents' telemetryMetadata report one
//     message type, InspectorPackageInfo (one per installed package, sizes
//     unknown), once data is collected; otherwise the list is empty.
//   - RegisterCrossAccountAccessRole accepts any role of the caller's
//     account (the model cannot check its trust policy);
//     DescribeCrossAccountAccessRole answers that role, else the
//     service-linked role, else NoSuchEntityException.
//   - Exclusions previews take ExclusionsPreviewDelay to generate.
//   - No SNS (topics are not checked, publications succeed), no CIS or
//     best-practice checks (exclusions instead), no Runtime Behavior
//     Analysis package (retired by AWS), and the ERROR run state is never
//     entered.
//
// # Snapshots
//
// Snapshot writes the whole state of a Service as JSON (version 1): every
// account's and region's resource groups, targets, templates, runs (state
// histories, notifications, agents, the evaluation of a run in progress and
// when its next step is due), findings, exclusions, subscriptions,
// cross-account role and exclusions previews, the service-linked roles, the
// instances registered with PutInstance, and the state of the id
// generator. Restore puts such a state into a Service built by New with
// the same Config: the same calls then give the same results, ids, preview
// tokens and pagination tokens included. Restore checks the snapshot whole
// and changes nothing when it is not valid (ErrInvalidSnapshot).
//
// The Service is safe for concurrent use; it calls Config.Authorizer,
// Config.Identities and Config.Instances without holding its lock.
package classic
