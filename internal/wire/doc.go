// Package wire speaks the AWS wire protocols of the services awsaccess
// models, driven by the services' own models rather than hand-written
// handlers.
//
// The models are botocore's service-2.json files for iam (2010-05-08) and sts
// (2011-06-15), which use the query protocol; organizations (2016-11-28) and
// Inspector Classic (inspector, 2016-02-16), which use JSON 1.1 with an
// X-Amz-Target header; and inspector2 (2020-06-08), which uses REST-JSON.
// They are embedded gzipped (see models/README.md for origin and licence) and
// parsed by [Load] or [LoadAll] into a [Service]: protocol, API version,
// signing name, target prefix, operations with their HTTP bindings, and
// shapes with their constraints and error traits.
//
// A front end uses a [Registry] like this:
//
//	svc, err := reg.ServiceForRequest(r, body)     // by SigV4 scope, unsigned STS action, X-Amz-Target
//	op, input, err := svc.Decode(r, body)          // operation + typed, validated input document
//	...                                            // authenticate, authorize, call the service
//	svc.EncodeResponse(w, op, output, requestID)   // AWS-shaped success
//	svc.EncodeError(w, apiErr, requestID)          // AWS-shaped error
//
// Decoding turns every protocol into one JSON-like document keyed by member
// name (see [Service.Decode] for the value types: timestamps are time.Time,
// integers int64) and validates it against the model: required members,
// lengths, ranges, patterns, enumerations and unions. Errors come back as
// *[Error] in the service's own terms: query services answer ValidationError
// with AWS's "1 validation error detected: Value 'x' at 'userName' failed to
// satisfy constraint: ..." message; organizations InvalidInputException with a
// Reason; inspector2 ValidationException with reason FIELD_VALIDATION_FAILED
// and fields; Inspector Classic InvalidInputException with errorCode and
// canRetry.
//
// Encoding walks the encoding/json form of whatever the service returns,
// guided by the output shape, so services can return plain structs with json
// tags named as the wire names members. The bytes are deterministic (model
// member order, sorted map keys). Errors are any [APIError]; the optional
// [HTTPStatusCoder] and [ErrorFielder] interfaces add the status and the
// modelled extra members (Reason, fields, errorCode, canRetry, Retry-After).
// Output types are read by reflection as encoding/json would read them
// (tags, omitempty, omitzero, embedded structs, MarshalJSON), without
// marshalling first. The JSON protocols compile, once per output shape and
// Go type, a plan that appends straight into a pooled buffer (field indexes
// resolved once, no boxing); what a plan does not cover goes through the
// reflective walk, which writes the same bytes.
//
// The golden responses under testdata are parsed by botocore's own clients
// on every test run (testdata/check_botocore.py) and, with WIRE_SDK_CHECK=1,
// by the aws-sdk-go-v2 organizations and inspector2 clients
// (testdata/sdkcheck, a separate module): JSON errors carry both "__type"
// and x-amzn-ErrorType, REST-JSON errors the header and the modelled body,
// and the SDKs return their typed errors with Reason, Fields and
// RetryAfterSeconds filled.
//
// Limits: patterns use Go's RE2 after translating Java escapes; lookaheads
// other than a leading (?!literal) are dropped, so such patterns check less,
// never more. Event streams, XML-bodied REST protocols and documents beyond
// pass-through are out of scope: none of the five services needs them.
//
// Services, Registries and Operations are immutable after loading and safe
// for concurrent use.
package wire
