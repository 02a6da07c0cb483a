package authz_test

import (
	"encoding/json"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

type ctxKey struct {
	key    string
	values []string
	multi  bool
}

// condAllows evaluates an Allow identity policy whose only condition is
// {op: {key: values}} against a request carrying ctx.
func condAllows(t *testing.T, op, key string, values []string, ctx []ctxKey) bool {
	t.Helper()
	cond, _ := json.Marshal(map[string]map[string][]string{op: {key: values}})
	doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + string(cond) + `}}`
	p, err := authz.Parse(authz.Identity, []byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	c := authz.NewContext()
	for _, k := range ctx {
		if k.multi {
			c.SetMulti(k.key, k.values...)
		} else {
			c.Set(k.key, k.values[0])
		}
	}
	req := authz.Request{Principal: userBob, Action: "s3:GetObject", Resource: objectARN, Context: c}
	return authz.Evaluate(&req, &authz.PolicySet{Identity: authz.Of(p)}) == authz.Allowed
}

func one(key, v string) []ctxKey { return []ctxKey{{key: key, values: []string{v}}} }
func many(key string, vs ...string) []ctxKey {
	return []ctxKey{{key: key, values: vs, multi: true}}
}

// The cases follow reference_policies_elements_condition_operators.html,
// reference_policies_condition-single-vs-multi-valued-context-keys.html and
// reference_policies_variables.html.
func TestConditionOperators(t *testing.T) {
	v := func(vs ...string) []string { return vs }
	tests := []struct {
		name   string
		op     string
		key    string
		values []string
		ctx    []ctxKey
		want   bool
	}{
		{"StringEquals match", "StringEquals", "aws:PrincipalTag/team", v("red"), one("aws:PrincipalTag/team", "red"), true},
		{"StringEquals is case-sensitive", "StringEquals", "aws:PrincipalTag/team", v("red"), one("aws:PrincipalTag/team", "Red"), false},
		{"key names are case-insensitive", "StringEquals", "AWS:principaltag/TEAM", v("red"), one("aws:PrincipalTag/team", "red"), true},
		{"values are OR", "StringEquals", "aws:PrincipalTag/team", v("blue", "red"), one("aws:PrincipalTag/team", "red"), true},
		{"missing key does not match", "StringEquals", "aws:PrincipalTag/team", v("red"), nil, false},
		{"missing key matches a negated operator", "StringNotEquals", "aws:PrincipalTag/team", v("red"), nil, true},
		{"negated operator is a NOR", "StringNotEquals", "aws:PrincipalTag/team", v("blue", "red"), one("aws:PrincipalTag/team", "red"), false},
		{"negated operator, value outside the list", "StringNotEquals", "aws:PrincipalTag/team", v("blue", "red"), one("aws:PrincipalTag/team", "green"), true},
		{"IgnoreCase", "StringEqualsIgnoreCase", "aws:PrincipalTag/team", v("RED"), one("aws:PrincipalTag/team", "red"), true},
		{"NotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", v("RED"), one("aws:PrincipalTag/team", "red"), false},
		{"StringLike", "StringLike", "s3:prefix", v("home/*/docs/?.txt"), one("s3:prefix", "home/bob/docs/a.txt"), true},
		{"StringLike no match", "StringLike", "s3:prefix", v("home/*/docs/?.txt"), one("s3:prefix", "home/bob/docs/ab.txt"), false},
		{"StringNotLike", "StringNotLike", "s3:prefix", v("home/*"), one("s3:prefix", "tmp/x"), true},
		{"IfExists with the key missing", "StringEqualsIfExists", "ec2:InstanceType", v("t2.micro"), nil, true},
		{"IfExists with the key present", "StringEqualsIfExists", "ec2:InstanceType", v("t2.micro"), one("ec2:InstanceType", "m5.large"), false},
		{"NumericLessThan", "NumericLessThan", "s3:max-keys", v("10"), one("s3:max-keys", "9"), true},
		{"NumericLessThan equal", "NumericLessThan", "s3:max-keys", v("10"), one("s3:max-keys", "10"), false},
		{"NumericLessThanEquals decimal", "NumericLessThanEquals", "s3:max-keys", v("10.5"), one("s3:max-keys", "10.5"), true},
		{"NumericGreaterThan", "NumericGreaterThan", "s3:max-keys", v("10"), one("s3:max-keys", "11"), true},
		{"NumericGreaterThanEquals", "NumericGreaterThanEquals", "s3:max-keys", v("10"), one("s3:max-keys", "10"), true},
		{"NumericEquals", "NumericEquals", "s3:max-keys", v("10"), one("s3:max-keys", "10.0"), true},
		{"NumericNotEquals", "NumericNotEquals", "s3:max-keys", v("10"), one("s3:max-keys", "10"), false},
		{"unparseable request number does not match", "NumericLessThan", "s3:max-keys", v("10"), one("s3:max-keys", "ten"), false},
		{"unparseable request number does not match a negated operator either", "NumericNotEquals", "s3:max-keys", v("10"), one("s3:max-keys", "ten"), false},
		{"unparseable policy number does not match", "NumericEquals", "s3:max-keys", v("ten"), one("s3:max-keys", "10"), false},
		{"DateGreaterThan ISO 8601", "DateGreaterThan", "aws:CurrentTime", v("2020-01-01T00:00:00Z"), one("aws:CurrentTime", "2026-11-23T12:00:00Z"), true},
		{"DateLessThan epoch policy value", "DateLessThan", "aws:CurrentTime", v("1577836800"), one("aws:CurrentTime", "2026-11-23T12:00:00Z"), false},
		{"DateEquals across forms", "DateEquals", "aws:TokenIssueTime", v("2020-01-01T00:00:00Z"), one("aws:TokenIssueTime", "1577836800"), true},
		{"DateLessThanEquals", "DateLessThanEquals", "aws:CurrentTime", v("2020-01-01"), one("aws:CurrentTime", "2020-01-01T00:00:00Z"), true},
		{"DateGreaterThanEquals", "DateGreaterThanEquals", "aws:CurrentTime", v("2020-01-01T00:00:01Z"), one("aws:CurrentTime", "2020-01-01T00:00:00Z"), false},
		{"DateNotEquals", "DateNotEquals", "aws:CurrentTime", v("2020-01-01T00:00:00Z"), one("aws:CurrentTime", "2020-01-02T00:00:00Z"), true},
		{"bad request date does not match", "DateGreaterThan", "aws:CurrentTime", v("2020-01-01T00:00:00Z"), one("aws:CurrentTime", "yesterday"), false},
		{"Bool true", "Bool", "aws:SecureTransport", v("true"), one("aws:SecureTransport", "true"), true},
		{"Bool false", "Bool", "aws:SecureTransport", v("false"), one("aws:SecureTransport", "true"), false},
		{"Bool missing key", "Bool", "aws:MultiFactorAuthPresent", v("false"), nil, false},
		{"BoolIfExists missing key", "BoolIfExists", "aws:MultiFactorAuthPresent", v("false"), nil, true},
		{"BinaryEquals", "BinaryEquals", "s3:x-amz-tag", v("QmluYXJ5VmFsdWU="), one("s3:x-amz-tag", "QmluYXJ5VmFsdWU="), true},
		{"BinaryEquals non-base64 request value", "BinaryEquals", "s3:x-amz-tag", v("QmluYXJ5VmFsdWU="), one("s3:x-amz-tag", "not base64!"), false},
		{"IpAddress IPv4 CIDR", "IpAddress", "aws:SourceIp", v("203.0.113.0/24"), one("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress outside", "IpAddress", "aws:SourceIp", v("203.0.113.0/24"), one("aws:SourceIp", "198.51.100.7"), false},
		{"IpAddress bare address is /32", "IpAddress", "aws:SourceIp", v("203.0.113.7"), one("aws:SourceIp", "203.0.113.7"), true},
		{"IpAddress IPv6", "IpAddress", "aws:SourceIp", v("2001:db8::/32"), one("aws:SourceIp", "2001:db8:1234::1"), true},
		{"IpAddress IPv4 value, IPv6 range", "IpAddress", "aws:SourceIp", v("2001:db8::/32"), one("aws:SourceIp", "203.0.113.7"), false},
		{"NotIpAddress", "NotIpAddress", "aws:SourceIp", v("203.0.113.0/24", "2001:db8::/32"), one("aws:SourceIp", "198.51.100.7"), true},
		{"NotIpAddress inside", "NotIpAddress", "aws:SourceIp", v("203.0.113.0/24"), one("aws:SourceIp", "203.0.113.7"), false},
		{"malformed source IP", "IpAddress", "aws:SourceIp", v("0.0.0.0/0"), one("aws:SourceIp", "300.1.1.1"), false},
		{"malformed CIDR", "IpAddress", "aws:SourceIp", v("203.0.113.0/99"), one("aws:SourceIp", "203.0.113.7"), false},
		{"ArnLike", "ArnLike", "aws:SourceArn", v("arn:aws:sns:*:" + acctA + ":topic-*"), one("aws:SourceArn", "arn:aws:sns:us-east-1:"+acctA+":topic-a"), true},
		// The condition operators page: ArnLike matches segment by segment.
		{"ArnLike does not span segments", "ArnLike", "aws:SourceArn", v("arn:aws:someservice:*:111122223333:finance/*"), one("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), false},
		{"StringLike does span them", "StringLike", "aws:SourceArn", v("arn:aws:someservice:*:111122223333:finance/*"), one("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), true},
		{"ArnEquals is ArnLike", "ArnEquals", "aws:SourceArn", v("arn:aws:sns:*:" + acctA + ":*"), one("aws:SourceArn", "arn:aws:sns:us-east-1:"+acctA+":t"), true},
		{"ArnNotLike", "ArnNotLike", "aws:SourceArn", v("arn:aws:sns:*:" + acctA + ":*"), one("aws:SourceArn", "arn:aws:sns:us-east-1:"+acctB+":t"), true},
		{"ArnNotEquals not an ARN", "ArnNotEquals", "aws:SourceArn", v("arn:aws:sns:*:" + acctA + ":*"), one("aws:SourceArn", "nonsense"), true},
		{"Null true: key absent", "Null", "aws:TokenIssueTime", v("true"), nil, true},
		{"Null true: key present", "Null", "aws:TokenIssueTime", v("true"), one("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), false},
		{"Null false: key present", "Null", "aws:TokenIssueTime", v("false"), one("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), true},
		// Multi-valued keys.
		{"plain operator on a multi-valued key is false", "StringEquals", "aws:TagKeys", v("a"), many("aws:TagKeys", "a"), false},
		{"plain negated operator on a multi-valued key is false", "StringNotEquals", "aws:TagKeys", v("a"), many("aws:TagKeys", "b"), false},
		{"ForAllValues subset", "ForAllValues:StringEquals", "aws:TagKeys", v("a", "b"), many("aws:TagKeys", "a"), true},
		{"ForAllValues not a subset", "ForAllValues:StringEquals", "aws:TagKeys", v("a", "b"), many("aws:TagKeys", "a", "c"), false},
		{"ForAllValues missing key", "ForAllValues:StringEquals", "aws:TagKeys", v("a"), nil, true},
		{"ForAllValues empty set", "ForAllValues:StringEquals", "aws:TagKeys", v("a"), many("aws:TagKeys"), true},
		{"ForAnyValue overlap", "ForAnyValue:StringEquals", "aws:TagKeys", v("a", "b"), many("aws:TagKeys", "c", "b"), true},
		{"ForAnyValue no overlap", "ForAnyValue:StringEquals", "aws:TagKeys", v("a", "b"), many("aws:TagKeys", "c"), false},
		{"ForAnyValue missing key", "ForAnyValue:StringEquals", "aws:TagKeys", v("a"), nil, false},
		{"ForAnyValue empty set", "ForAnyValue:StringEquals", "aws:TagKeys", v("a"), many("aws:TagKeys"), false},
		{"ForAnyValue IfExists missing key", "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", v("a"), nil, true},
		// The AWS table for ForAllValues:StringNotLike {"aws:TagKeys": "key1*"}.
		{"ForAllValues:StringNotLike [key1:legal]", "ForAllValues:StringNotLike", "aws:TagKeys", v("key1*"), many("aws:TagKeys", "key1:legal"), false},
		{"ForAllValues:StringNotLike [key1:hr key1:personnel]", "ForAllValues:StringNotLike", "aws:TagKeys", v("key1*"), many("aws:TagKeys", "key1:hr", "key1:personnel"), false},
		{"ForAllValues:StringNotLike [key2:audit]", "ForAllValues:StringNotLike", "aws:TagKeys", v("key1*"), many("aws:TagKeys", "key2:audit"), true},
		{"ForAllValues:StringNotLike no key", "ForAllValues:StringNotLike", "aws:TagKeys", v("key1*"), nil, true},
		{"ForAnyValue:StringNotEquals outside value", "ForAnyValue:StringNotEquals", "aws:TagKeys", v("a"), many("aws:TagKeys", "a", "b"), true},
		{"ForAnyValue:StringNotEquals all inside", "ForAnyValue:StringNotEquals", "aws:TagKeys", v("a"), many("aws:TagKeys", "a"), false},
		{"ForAnyValue:StringNotEquals no key", "ForAnyValue:StringNotEquals", "aws:TagKeys", v("a"), nil, false},
		// Policy variables in condition values.
		{"variable in a condition value", "StringEquals", "s3:prefix", v("home/${aws:username}"), one("s3:prefix", "home/bob"), true},
		{"variable with a default", "StringEquals", "aws:RequestTag/team", v("${aws:PrincipalTag/team, 'company-wide'}"), one("aws:RequestTag/team", "company-wide"), true},
		{"unresolved variable does not match", "StringEquals", "aws:RequestTag/team", v("${aws:PrincipalTag/team}"), one("aws:RequestTag/team", "x"), false},
		{"unresolved variable matches a negated operator", "StringNotEquals", "aws:RequestTag/team", v("${aws:PrincipalTag/team}"), one("aws:RequestTag/team", "x"), true},
		{"escaped wildcard is literal", "StringLike", "s3:prefix", v("a${*}b"), one("s3:prefix", "a*b"), true},
		{"escaped wildcard is not a wildcard", "StringLike", "s3:prefix", v("a${*}b"), one("s3:prefix", "axxb"), false},
		{"resolved value stays literal in StringLike", "StringLike", "s3:prefix", v("${aws:PrincipalTag/p}/*"), append(one("s3:prefix", "x/y"), ctxKey{key: "aws:PrincipalTag/p", values: []string{"?"}}), false},
		{"derived key aws:username", "StringEquals", "aws:username", v("bob"), nil, true},
		{"derived key aws:PrincipalType", "StringEquals", "aws:PrincipalType", v("User"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := condAllows(t, tt.op, tt.key, tt.values, tt.ctx); got != tt.want {
				t.Errorf("%s {%s: %v} with %v = %v, want %v", tt.op, tt.key, tt.values, tt.ctx, got, tt.want)
			}
		})
	}
}

func TestNumericValuesAreDecimal(t *testing.T) {
	for _, v := range []string{"0x1p4", "1_000", "NaN", "Inf", "-infinity"} {
		if condAllows(t, "NumericEquals", "s3:max-keys", []string{v}, one("s3:max-keys", v)) {
			t.Errorf("NumericEquals matched %q, which IAM does not read as a number", v)
		}
	}
	if !condAllows(t, "NumericEquals", "s3:max-keys", []string{"1.6e1"}, one("s3:max-keys", "16")) {
		t.Error("NumericEquals 1.6e1 did not match 16")
	}
}
