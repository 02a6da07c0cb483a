package classic_test

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// The service model as botocore ships it, embedded by the wire layer.
const modelFile = "../../internal/wire/models/inspector-2016-02-16.json.gz"

type modelShape struct {
	Type     string `json:"type"`
	Required []string
	Members  map[string]struct {
		Shape string `json:"shape"`
	} `json:"members"`
	Member struct {
		Shape string `json:"shape"`
	} `json:"member"`
	Value struct {
		Shape string `json:"shape"`
	} `json:"value"`
	Enum      []string `json:"enum"`
	Exception bool     `json:"exception"`
}

type model struct {
	Operations map[string]struct {
		Input  struct{ Shape string }
		Output struct{ Shape string }
	}
	Shapes map[string]modelShape
}

func loadModel(t *testing.T) *model {
	t.Helper()
	f, err := os.Open(modelFile)
	if err != nil {
		t.Skipf("service model not available: %v", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var m model
	if err := json.NewDecoder(z).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// Every operation of the model is a method of Service taking the
// operation's input and returning its output, and every structure the
// operations reach has the model's members, named as the JSON protocol
// names them, with required members never omitted.
func TestServiceModel(t *testing.T) {
	m := loadModel(t)
	svc := reflect.TypeFor[*classic.Service]()
	checked := map[string]bool{}
	var walk func(shape string, typ reflect.Type)
	walk = func(shape string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		sh := m.Shapes[shape]
		switch sh.Type {
		case "list":
			if typ.Kind() != reflect.Slice {
				t.Errorf("%s: %v is not a slice", shape, typ)
				return
			}
			walk(sh.Member.Shape, typ.Elem())
			return
		case "map":
			if typ.Kind() != reflect.Map {
				t.Errorf("%s: %v is not a map", shape, typ)
				return
			}
			walk(sh.Value.Shape, typ.Elem())
			return
		case "structure":
		default:
			return
		}
		if checked[shape] {
			return
		}
		checked[shape] = true
		fields := map[string]reflect.StructField{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "-" && f.IsExported() {
				fields[name] = f
			}
		}
		for name, mem := range sh.Members {
			f, ok := fields[name]
			if !ok {
				t.Errorf("%s (%v): no field for member %s", shape, typ, name)
				continue
			}
			delete(fields, name)
			if slices.Contains(sh.Required, name) && strings.Contains(f.Tag.Get("json"), ",omit") {
				t.Errorf("%s.%s is required but omitted when empty", shape, name)
			}
			walk(mem.Shape, f.Type)
		}
		for name := range fields {
			t.Errorf("%s (%v): field %s is not a member", shape, typ, name)
		}
	}
	for name, op := range m.Operations {
		meth, ok := svc.MethodByName(name)
		if !ok {
			t.Errorf("no method for operation %s", name)
			continue
		}
		mt := meth.Type // receiver, caller, region, input -> output, error
		if mt.NumIn() != 4 || mt.NumOut() != 2 || mt.In(2).Kind() != reflect.String {
			t.Errorf("%s: signature %v", name, mt)
			continue
		}
		if in, want := mt.In(3).Elem().Name(), name+"Input"; in != want {
			t.Errorf("%s takes %s, want %s", name, in, want)
		}
		if out, want := mt.Out(0).Elem().Name(), name+"Output"; out != want {
			t.Errorf("%s returns %s, want %s", name, out, want)
		}
		if op.Input.Shape != "" {
			walk(op.Input.Shape, mt.In(3))
		}
		if op.Output.Shape != "" {
			walk(op.Output.Shape, mt.Out(0))
		}
	}
	if len(checked) < 90 {
		t.Errorf("only %d structures checked", len(checked))
	}
	if len(m.Operations) != 37 {
		t.Errorf("%d operations in the model", len(m.Operations))
	}
	// The enums have the model's values.
	enums := map[string][]string{
		"AssessmentRunState":    strs(classic.AssessmentRunState("").Values()),
		"InvalidInputErrorCode": strs(classic.InvalidInputErrorCode("").Values()),
		"NoSuchEntityErrorCode": strs(classic.NoSuchEntityErrorCode("").Values()),
		"Severity":              strs(classic.Severity("").Values()),
		"InspectorEvent":        strs(classic.InspectorEvent("").Values()),
		"AgentHealthCode":       strs(classic.AgentHealthCode("").Values()),
	}
	for name, values := range enums {
		if !slices.Equal(m.Shapes[name].Enum, values) {
			t.Errorf("enum %s: %v, model %v", name, values, m.Shapes[name].Enum)
		}
	}
}

func strs[S ~string](v []S) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
