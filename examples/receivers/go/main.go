// BucketHooks starter receiver for Go (net/http, standard library only): answers VK's URL handshake and accepts only
// deliveries it can verify: Standard Webhooks (fresh), AWS SNS (RSA, certificate from a trusted SigningCertURL) or B2 (v1=).
// Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... go run main.go   (PORT overrides the URL's port)
// SNS_CERT_URL_PREFIXES: comma-separated URL prefixes trusted for SigningCertURL besides AWS's own
// (https://sns.<region>.amazonaws.com/...pem), e.g. http://127.0.0.1:9000/_sns/ for a local BucketHooks endpoint.
package main

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

var hookURL = envOr("HOOK_URL", "http://127.0.0.1:8080/webhook")
var hookSecret = envOr("HOOK_SECRET", "whsec_PASTE_THE_HOOK_SECRET")

const toleranceSeconds = 5 * 60 // the Standard Webhooks window for webhook-timestamp
const maxBodyBytes = 10 * 1024 * 1024

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func hmacSHA256(key []byte, message string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(message))
	return mac.Sum(nil)
}

// handshakeSignature is VK's handshake answer: HMAC chain Token -> Timestamp -> TopicArn -> the hook URL, hex at the end.
func handshakeSignature(token, timestamp, topicArn string) string {
	k1 := hmacSHA256([]byte(token), timestamp)
	k2 := hmacSHA256(k1, topicArn)
	return hex.EncodeToString(hmacSHA256(k2, hookURL))
}

// signatureProblem says why the delivery's signature headers do not prove it came from the hook now, or "" when they do.
func signatureProblem(key []byte, header http.Header, body []byte) string {
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return "missing webhook-id, webhook-timestamp or webhook-signature"
	}
	if key == nil {
		return "HOOK_SECRET is not a whsec_ secret"
	}
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return "webhook-timestamp is not a number"
	}
	now := time.Now().Unix()
	if now-seconds > toleranceSeconds {
		return "timestamp too old"
	}
	if seconds-now > toleranceSeconds {
		return "timestamp too new"
	}
	expected := base64.StdEncoding.EncodeToString(hmacSHA256(key, id+"."+timestamp+"."+string(body)))
	for _, candidate := range strings.Split(signatures, " ") {
		version, value, _ := strings.Cut(candidate, ",")
		if version == "v1" && hmac.Equal([]byte(value), []byte(expected)) {
			return ""
		}
	}
	return "no matching signature"
}

// snsSignedFields are the fields SNS signs for each message type, in AWS's documented order (Subject only when set).
var snsSignedFields = map[string][]string{
	"Notification":             {"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"},
	"SubscriptionConfirmation": {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"},
	"UnsubscribeConfirmation":  {"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"},
}
var awsSNSHost = regexp.MustCompile(`^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`)
var snsKeys sync.Map // SigningCertURL -> *rsa.PublicKey, fetched once

// trustedCertURL says whether a SigningCertURL may be fetched: AWS's SNS hosts over https, or a prefix in
// SNS_CERT_URL_PREFIXES.
func trustedCertURL(raw string) bool {
	certURL, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if certURL.Scheme == "https" && certURL.Port() == "" && awsSNSHost.MatchString(certURL.Hostname()) && strings.HasSuffix(certURL.Path, ".pem") {
		return true
	}
	for _, prefix := range strings.Split(os.Getenv("SNS_CERT_URL_PREFIXES"), ",") {
		if prefix = strings.TrimSpace(prefix); prefix == "" {
			continue
		}
		if !strings.HasSuffix(prefix, "/") {
			prefix += "/"
		}
		if strings.HasPrefix(certURL.String(), prefix) && !strings.Contains(raw, "..") {
			return true
		}
	}
	return false
}

// snsPublicKey fetches (once) the RSA key of the certificate at a trusted SigningCertURL.
func snsPublicKey(certURL string) (*rsa.PublicKey, error) {
	if cached, ok := snsKeys.Load(certURL); ok {
		return cached.(*rsa.PublicKey), nil
	}
	res, err := http.Get(certURL)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil || res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("SigningCertURL answered HTTP %d", res.StatusCode)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("SigningCertURL did not serve a PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, err
	}
	key, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the certificate's key is not RSA")
	}
	snsKeys.Store(certURL, key)
	return key, nil
}

// snsProblem says why an SNS message's signature does not verify with its SigningCertURL's certificate, or "".
func snsProblem(message map[string]any, headerType string) string {
	text := func(name string) (string, bool) { value, ok := message[name].(string); return value, ok }
	messageType, _ := text("Type")
	fields, known := snsSignedFields[messageType]
	if !known {
		return "unknown message Type " + messageType
	}
	if headerType != messageType {
		return "x-amz-sns-message-type differs from the message Type"
	}
	version := fmt.Sprint(message["SignatureVersion"])
	if version != "1" && version != "2" {
		return "unknown SignatureVersion " + version
	}
	certURL, _ := text("SigningCertURL")
	if !trustedCertURL(certURL) {
		return "SigningCertURL " + certURL + " is not trusted (see SNS_CERT_URL_PREFIXES)"
	}
	var canonical strings.Builder
	for _, field := range fields {
		value, ok := text(field)
		if !ok && field != "Subject" {
			return "a signed field is missing"
		}
		if ok {
			canonical.WriteString(field + "\n" + value + "\n")
		}
	}
	encoded, _ := text("Signature")
	signature, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return "the signature is not base64"
	}
	key, err := snsPublicKey(certURL)
	if err != nil {
		return err.Error()
	}
	hash, hashed := crypto.SHA256, sha256.Sum256([]byte(canonical.String()))
	digest := hashed[:]
	if version == "1" {
		sum := sha1.Sum([]byte(canonical.String()))
		hash, digest = crypto.SHA1, sum[:]
	}
	if rsa.VerifyPKCS1v15(key, hash, digest, signature) != nil {
		return "the signature does not verify"
	}
	return ""
}

// b2Problem says why B2's X-Bz-Event-Notification-Signature is not v1=<hex HMAC-SHA256 of the body keyed by
// HOOK_SECRET>, or "" when it is.
func b2Problem(header string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(hookSecret))
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	for _, candidate := range strings.Split(header, ",") {
		version, value, _ := strings.Cut(strings.TrimSpace(candidate), "=")
		if version == "v1" && hmac.Equal([]byte(strings.ToLower(value)), []byte(expected)) {
			return ""
		}
	}
	return "no matching v1 signature"
}

func answer(w http.ResponseWriter, status int, body any) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

type delivery struct {
	Records []struct {
		EventName string `json:"eventName"`
		S3        struct {
			Object struct {
				Key string `json:"key"`
			} `json:"object"`
		} `json:"s3"`
	}
}

// printRecords prints each S3 record of a delivery body.
func printRecords(body []byte) error {
	var parsed delivery
	if err := json.Unmarshal(body, &parsed); err != nil {
		return err
	}
	for _, record := range parsed.Records {
		// Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
		objectKey, err := url.QueryUnescape(record.S3.Object.Key)
		if err != nil {
			objectKey = record.S3.Object.Key
		}
		fmt.Printf("record %s %s\n", record.EventName, objectKey)
	}
	return nil
}

// handleSNS verifies an SNS message, then confirms a subscription or prints a Notification's S3 records.
func handleSNS(w http.ResponseWriter, r *http.Request, message map[string]any) {
	if problem := snsProblem(message, r.Header.Get("x-amz-sns-message-type")); problem != "" {
		fmt.Printf("rejected sns %v: %s\n", message["MessageId"], problem)
		answer(w, http.StatusForbidden, map[string]string{"error": problem})
		return
	}
	topicArn, _ := message["TopicArn"].(string)
	switch message["Type"] {
	case "SubscriptionConfirmation":
		subscribeURL, _ := message["SubscribeURL"].(string)
		res, err := http.Get(subscribeURL)
		if err != nil {
			answer(w, http.StatusBadGateway, map[string]string{"error": "SubscribeURL: " + err.Error()})
			return
		}
		res.Body.Close()
		if res.StatusCode >= 300 {
			answer(w, http.StatusBadGateway, map[string]string{"error": fmt.Sprintf("SubscribeURL answered HTTP %d", res.StatusCode)})
			return
		}
		fmt.Printf("subscribed %s\n", topicArn)
	case "UnsubscribeConfirmation":
		fmt.Printf("unsubscribed %s\n", topicArn)
	default:
		inner, _ := message["Message"].(string)
		if err := printRecords([]byte(inner)); err != nil {
			answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
	}
	answer(w, http.StatusOK, map[string]bool{"ok": true})
}

// handleB2 verifies B2's v1= signature, then prints each event.
func handleB2(w http.ResponseWriter, header string, body []byte) {
	if problem := b2Problem(header, body); problem != "" {
		fmt.Printf("rejected b2: %s\n", problem)
		answer(w, http.StatusForbidden, map[string]string{"error": problem})
		return
	}
	var parsed struct {
		Events []struct{ EventType, ObjectName string }
	}
	if err := json.Unmarshal(body, &parsed); err != nil {
		answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	for _, event := range parsed.Events {
		fmt.Printf("record %s %s\n", event.EventType, event.ObjectName)
	}
	answer(w, http.StatusOK, map[string]bool{"ok": true})
}

func handle(key []byte, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		answer(w, http.StatusNotFound, map[string]string{"error": "not here"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		answer(w, http.StatusRequestEntityTooLarge, map[string]string{"error": err.Error()})
		return
	}
	if snsType := r.Header.Get("x-amz-sns-message-type"); snsType != "" {
		var message map[string]any
		if err := json.Unmarshal(body, &message); err != nil {
			answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		// AWS SNS signs with a certificate; VK's handshake has no SigningCertURL and is answered with an HMAC.
		_, hasCert := message["SigningCertURL"]
		_, hasSignature := message["Signature"]
		if hasCert || hasSignature {
			handleSNS(w, r, message)
			return
		}
		if strings.EqualFold(snsType, "SubscriptionConfirmation") {
			token, _ := message["Token"].(string)
			timestamp, _ := message["Timestamp"].(string)
			topicArn, _ := message["TopicArn"].(string)
			fmt.Printf("handshake %s\n", topicArn)
			answer(w, http.StatusOK, map[string]string{"signature": handshakeSignature(token, timestamp, topicArn)})
			return
		}
	}
	if header := r.Header.Get("x-bz-event-notification-signature"); header != "" {
		handleB2(w, header, body)
		return
	}
	if problem := signatureProblem(key, r.Header, body); problem != "" {
		fmt.Printf("rejected %s: %s\n", r.Header.Get("webhook-id"), problem)
		answer(w, http.StatusUnauthorized, map[string]string{"error": problem})
		return
	}
	if err := printRecords(body); err != nil {
		answer(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	answer(w, http.StatusOK, map[string]bool{"ok": true})
}

func main() {
	parsed, err := url.Parse(hookURL)
	if err != nil {
		log.Fatalf("HOOK_URL: %v", err)
	}
	// A secret without whsec_ (B2's kind) still checks B2's v1= signature; Standard Webhooks deliveries then get 401.
	var key []byte
	if strings.HasPrefix(hookSecret, "whsec_") {
		if key, err = base64.StdEncoding.DecodeString(strings.TrimPrefix(hookSecret, "whsec_")); err != nil {
			log.Fatal("Set HOOK_SECRET to the hook's secret: whsec_ followed by base64 (or a B2 secret)")
		}
	}
	port := envOr("PORT", parsed.Port())
	if port == "" {
		port = "8080"
	}
	path := parsed.Path
	if path == "" {
		path = "/"
	}
	http.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) { handle(key, w, r) })
	listener, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening on %s (port %s)\n", hookURL, port)
	log.Fatal(http.Serve(listener, nil))
}
