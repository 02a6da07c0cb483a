package awsaccess

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// TestIAMAccessTableCoversEveryOperation checks that the one
// authorization table and the operation table name the same operations,
// all of them operations of IAM's model.
func TestIAMAccessTableCoversEveryOperation(t *testing.T) {
	svc, err := wire.Load("iam")
	if err != nil {
		t.Fatal(err)
	}
	var ops, rules []string
	for name := range iamOps {
		ops = append(ops, name)
		if _, ok := svc.Operation(name); !ok {
			t.Errorf("%s is not an IAM operation", name)
		}
	}
	for name, r := range iamAccess {
		rules = append(rules, name)
		if r.res == nil {
			t.Errorf("%s has no resource", name)
		}
	}
	slices.Sort(ops)
	slices.Sort(rules)
	if diff := cmp.Diff(ops, rules); diff != "" {
		t.Errorf("operations (-) and authorization rules (+) differ:\n%s", diff)
	}
}

func TestStatementPosition(t *testing.T) {
	tests := []struct {
		name       string
		doc        string
		index      int
		start, end simPosition
		ok         bool
	}{
		// The aws CLI's example of SimulateCustomPolicy: 38 and 167.
		{"object", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`, 0,
			simPosition{1, 38}, simPosition{1, 167}, true},
		{"second of a list", "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\"},\n    {\"Effect\": \"Deny\",\n     \"Action\": \"*\"}\n  ],\n  \"Version\": \"2012-10-17\"\n}", 1,
			simPosition{4, 6}, simPosition{5, 20}, true},
		{"CRLF lines", "{\r\n\"Statement\":\r\n{\"Effect\":\"Allow\"}}", 0, simPosition{3, 2}, simPosition{3, 19}, true},
		{"Latin-1 counts characters", `{"Id":"é","Statement":{"Sid":"é"}}`, 0, simPosition{1, 24}, simPosition{1, 34}, true},
		{"index past the end", `{"Statement":[{}]}`, 1, simPosition{}, simPosition{}, false},
		{"no statement", `{"Version":"2012-10-17"}`, 0, simPosition{}, simPosition{}, false},
		{"not JSON", `{"Statement":[{`, 0, simPosition{}, simPosition{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end, ok := statementPosition(tt.doc, tt.index)
			if diff := cmp.Diff([]any{tt.start, tt.end, tt.ok}, []any{start, end, ok}); diff != "" {
				t.Errorf("statementPosition (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzStatementPosition checks that the statement locator never panics and
// that, whenever it finds a statement, its braces are where it says.
func FuzzStatementPosition(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":{"Effect":"Allow"}}`, 0)
	f.Add("{\n \"Statement\": [ {\"a\": [1, {\"b\": 2}]},\r\n {} ]}", 1)
	f.Add(`{"Statement":[1,"x",{"Sid":"}"}]}`, 2)
	f.Fuzz(func(t *testing.T, doc string, index int) {
		start, end, ok := statementPosition(doc, index)
		if !ok {
			return
		}
		open, closing := offsetOf(doc, start), offsetOf(doc, end)
		if open < 1 || closing <= open || closing > len(doc) || doc[open-1] != '{' || doc[closing-1] != '}' {
			t.Fatalf("positions %v..%v do not frame an object in %q", start, end, doc)
		}
		if !json.Valid([]byte(doc[open-1 : closing])) {
			t.Fatalf("%q is not the statement object", doc[open-1:closing])
		}
	})
}

// offsetOf is positionAt's inverse on documents it produced positions for.
func offsetOf(doc string, p simPosition) int {
	line, col := 1, 1
	prevCR := false
	for i, r := range doc {
		if line == p.Line && col == p.Column {
			return i
		}
		switch {
		case r == '\n' && prevCR:
			prevCR = false
		case r == '\n' || r == '\r':
			line, col = line+1, 1
			prevCR = r == '\r'
		default:
			col++
			prevCR = false
		}
	}
	if line == p.Line && col == p.Column {
		return len(doc)
	}
	return -1
}

// FuzzIAMMarker checks that any marker either resumes within the list or
// is refused, never panics or loops.
func FuzzIAMMarker(f *testing.F) {
	f.Add(encodeMarker(1, "b"), 2)
	f.Add("bTE6OTk5OnF1ZXVl", 1)
	f.Add("!!", 0)
	items := []string{"a", "b", "c", "d"}
	f.Fuzz(func(t *testing.T, marker string, maxItems int) {
		maxItems = 1 + abs(maxItems)%1000
		page, p, err := paginate(items, func(s string) string { return s }, marker, maxItems)
		if err != nil {
			var we *wire.Error
			if !strings.Contains(err.Error(), "Marker") && !errorsAs(err, &we) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(page) > maxItems || p.IsTruncated != (p.Marker != "") {
			t.Fatalf("page %v %+v for max %d", page, p, maxItems)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func errorsAs(err error, target **wire.Error) bool {
	we, ok := err.(*wire.Error)
	if ok {
		*target = we
	}
	return ok
}
