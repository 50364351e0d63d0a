package cn.hpf.mobile.certificate;

import cn.hpf.mobile.certificate.CertificateContent.DepositStatus;
import cn.hpf.mobile.certificate.CertificateContent.MonthlyDeposit;
import cn.hpf.mobile.common.Zones;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Renders a certificate's snapshot as a one-page A4 PDF, Chinese with English labels beside, and signs it for the
 * centre (adbe.pkcs7.detached: a CMS signature with SHA-256 over the whole file but the signature itself). CPU work
 * of tens of milliseconds: callers run it on a worker thread, never on the event loop.
 *
 * <p>The font (a CJK TrueType font or collection, embedded as a subset) is checked at startup: a missing font is a
 * deployment error, found at start rather than at a member's first download.
 */
@Startup
@Singleton
public class CertificatePdf {

    private static final float PAGE_MARGIN = 50;
    private static final float QR_SIZE = 150;
    private static final int MONTHS_PER_COLUMN = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Map<String, String> STATUS = Map.of(
            "NORMAL", "正常 Normal", "SEALED", "封存 Sealed", "FROZEN", "冻结 Frozen", "CLOSED", "销户 Closed");

    private final CertificateConfig config;
    private final CentreSigningKeys keys;
    private final Clock clock;
    private FontPool fonts;

    public CertificatePdf(CertificateConfig config, CentreSigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    @PostConstruct
    void loadFont() {
        Path path = Path.of(config.font());
        try (InputStream in = Files.newInputStream(path)) {
            byte[] tag = in.readNBytes(4);
            boolean collection = tag.length == 4 && tag[0] == 't' && tag[1] == 't' && tag[2] == 'c' && tag[3] == 'f';
            fonts = new FontPool(path.toFile(), collection,
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        } catch (IOException e) {
            throw new IllegalStateException("No CJK font at " + path.toAbsolutePath() + " (hpf.certificate.font): "
                    + "install Debian's fonts-wqy-zenhei (bin/services does), or point the setting at another "
                    + "TrueType CJK font.", e);
        }
    }

    /**
     * The QR code's target: the H5 page's public verification view, which a third party's phone opens (a page to
     * read, not JSON) and which asks {@code GET /v1/certificates/verify/<code>}. The code is URL-safe as issued.
     */
    public String verificationUrl(String code) {
        String base = config.verifyBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/h5/verify?code=" + code;
    }

    /** The signed PDF of {@code c}. Blocking CPU work. */
    public byte[] signedPdf(DepositCertificate c) {
        try {
            return sign(render(c), c);
        } catch (IOException e) {
            throw new IllegalStateException("Could not render certificate " + c.id, e);
        }
    }

    byte[] render(DepositCertificate c) throws IOException {
        CertificateContent s = c.content;
        TrueTypeFont ttf = fonts.borrow();
        try (PDDocument doc = new PDDocument()) {
            // The document does not close a font it is handed: the pool keeps it.
            PDType0Font f = PDType0Font.load(doc, ttf, true);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("住房公积金缴存证明 Housing Provident Fund Deposit Certificate");
            info.setAuthor(s.centreName() + " " + s.centreNameEn());
            info.setCreationDate(calendar(c.issuedAt));
            float width = page.getMediaBox().getWidth();
            float top = page.getMediaBox().getHeight() - PAGE_MARGIN;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                Text t = new Text(out, f);
                t.centred(width, top, 18, "住房公积金缴存证明");
                t.centred(width, top - 20, 11, "Housing Provident Fund Deposit Certificate");
                float y = top - 46;
                t.at(PAGE_MARGIN, y, 8.5f, "证明编号 Certificate No.: " + c.id);
                y -= 13;
                t.at(PAGE_MARGIN, y, 8.5f, "出具日期 Issue date: " + day(c.issuedAt) + "    有效期至 Valid until: "
                        + day(c.validUntil));
                y -= 10;
                rule(out, width, y);
                y -= 18;
                String period = month(c.periodFrom) + " 至 to " + month(c.periodTo);
                String[][] rows = {
                        {"姓名 Name", s.memberName()},
                        {"证件号码 ID number", s.maskedIdNumber()},
                        {"缴存单位 Employer", s.employerName() == null ? "—" : s.employerName()},
                        {"账户状态 Account status", STATUS.getOrDefault(s.accountStatus(), s.accountStatus())},
                        {"缴存基数 Deposit base", yuan(s.depositBaseFen()) + " 元 CNY"},
                        {"缴存比例 Deposit rates", "单位 Employer " + percent(s.employerRate()) + "  /  个人 Member "
                                + percent(s.memberRate())},
                        {"月缴存额 Monthly deposit", yuan(s.monthlyDepositFen()) + " 元 CNY"},
                        {"账户余额 Balance (" + s.balanceDate() + ")", yuan(s.balanceFen()) + " 元 CNY"},
                        {"证明期间 Period", period},
                };
                for (String[] row : rows) {
                    t.at(PAGE_MARGIN, y, 10, row[0]);
                    t.at(PAGE_MARGIN + 190, y, 10, row[1]);
                    y -= 18;
                }
                y -= 4;
                t.at(PAGE_MARGIN, y, 11, "缴存明细 Monthly deposits (汇缴)");
                y -= 16;
                y = depositTable(t, s.deposits(), y);
                y -= 6;
                t.at(PAGE_MARGIN, y, 9, "合计 Total: " + s.monthsPaid() + " 个月已缴 months paid of " + s.deposits().size()
                        + ", " + yuan(s.totalDepositedFen()) + " 元 CNY");
                y -= 10;
                rule(out, width, y);
                y -= 18;
                t.at(PAGE_MARGIN, y, 10, "兹证明上述职工在本中心缴存住房公积金情况属实。");
                y -= 14;
                t.at(PAGE_MARGIN, y, 9, "This certifies that the deposits above are as recorded by the centre.");
                y -= 16;
                t.at(PAGE_MARGIN, y, 10, "出具单位 Issued by: " + s.centreName());
                y -= 14;
                t.at(PAGE_MARGIN + 95, y, 9, s.centreNameEn());
                float qrTop = Math.min(y - 16, PAGE_MARGIN + QR_SIZE + 20);
                String url = verificationUrl(c.verificationCode);
                qr(out, url, PAGE_MARGIN, qrTop - QR_SIZE, QR_SIZE);
                float tx = PAGE_MARGIN + QR_SIZE + 16;
                float ty = qrTop - 16;
                t.at(tx, ty, 10, "扫码验证 Scan to verify");
                t.at(tx, ty - 16, 9, "验证码 Verification code:");
                t.at(tx, ty - 30, 9, c.verificationCode);
                t.at(tx, ty - 46, 7, url);
                t.at(tx, ty - 66, 8, "本证明经中心电子签名，任何改动即失效。");
                t.at(tx, ty - 78, 8, "Digitally signed by the centre: any change invalidates it.");
                t.at(tx, ty - 94, 8, "有效期内可验证 Verifiable until " + day(c.validUntil) + ".");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            doc.save(bytes);
            return bytes.toByteArray();
        } finally {
            fonts.giveBack(ttf);
        }
    }

    /** Up to {@value #MONTHS_PER_COLUMN} months a column, up to three columns side by side. */
    private static float depositTable(Text t, List<MonthlyDeposit> deposits, float top) throws IOException {
        float columnWidth = 165;
        int columns = Math.max(1, (deposits.size() + MONTHS_PER_COLUMN - 1) / MONTHS_PER_COLUMN);
        float lowest = top;
        for (int col = 0; col < columns; col++) {
            float x = PAGE_MARGIN + col * columnWidth;
            float y = top;
            t.at(x, y, 8, "月份 Month");
            t.at(x + 50, y, 8, "金额 Amount (元)");
            t.at(x + 118, y, 8, "状态 Status");
            y -= 13;
            for (int i = col * MONTHS_PER_COLUMN; i < Math.min(deposits.size(), (col + 1) * MONTHS_PER_COLUMN); i++) {
                MonthlyDeposit d = deposits.get(i);
                t.at(x, y, 8.5f, d.month());
                t.right(x + 108, y, 8.5f, yuan(d.amountFen()));
                t.at(x + 118, y, 8.5f, d.status() == DepositStatus.PAID ? "已缴 Paid" : "未缴 None");
                y -= 13;
            }
            lowest = Math.min(lowest, y);
        }
        return lowest;
    }

    private static void qr(PDPageContentStream out, String text, float x, float y, float size) throws IOException {
        ByteMatrix m;
        try {
            m = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
        } catch (WriterException e) {
            throw new IOException("Cannot encode the verification URL as a QR code", e);
        }
        int quiet = 2;
        float module = size / (m.getWidth() + 2 * quiet);
        out.setNonStrokingColor(0f);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row) == 1) {
                    out.addRect(x + (col + quiet) * module, y + size - (row + quiet + 1) * module, module, module);
                }
            }
        }
        out.fill();
    }

    private static void rule(PDPageContentStream out, float width, float y) throws IOException {
        out.setLineWidth(0.6f);
        out.moveTo(PAGE_MARGIN, y);
        out.lineTo(width - PAGE_MARGIN, y);
        out.stroke();
    }

    private byte[] sign(byte[] unsigned, DepositCertificate c) throws IOException {
        try (PDDocument doc = Loader.loadPDF(unsigned); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(c.content.centreNameEn());
            signature.setLocation("Hangzhou, CN");
            signature.setReason("缴存证明 Deposit certificate " + c.id);
            signature.setSignDate(calendar(OffsetDateTime.now(clock)));
            doc.addSignature(signature, this::cms, options);
            ByteArrayOutputStream signed = new ByteArrayOutputStream(unsigned.length + 16 * 1024);
            doc.saveIncremental(signed);
            return signed.toByteArray();
        }
    }

    /** The detached CMS (PKCS #7) signature over the bytes PDFBox hands over: SHA-256 with RSA, chain included. */
    private byte[] cms(InputStream content) throws IOException {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.privateKey()), keys.chain().get(0)));
            gen.addCertificates(new JcaCertStore(keys.chain()));
            return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new IOException("Could not sign the certificate", e);
        }
    }

    private static Calendar calendar(OffsetDateTime at) {
        GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone(Zones.SHANGHAI));
        cal.setTimeInMillis(at.toInstant().toEpochMilli());
        return cal;
    }

    private static String day(OffsetDateTime at) {
        return at.atZoneSameInstant(Zones.SHANGHAI).toLocalDate().format(DAY);
    }

    private static String month(LocalDate firstDay) {
        return YearMonth.from(firstDay).toString();
    }

    /** 288000 → "2,880.00". */
    static String yuan(long fen) {
        return String.format("%,d.%02d", fen / 100, Math.abs(fen % 100));
    }

    /** 0.1200 → "12%". */
    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * Parsed fonts, one per rendering in progress. Parsing the collection costs far more than a rendering, so each
     * parsed font is kept and reused; PDFBox's font objects read their file as they go and are not shared across
     * threads, so a rendering borrows one for itself and gives it back. At most one per core is ever parsed.
     */
    private static final class FontPool {
        private final File file;
        private final boolean isCollection;
        private final BlockingQueue<TrueTypeFont> idle;
        private final Semaphore parsable;

        FontPool(File file, boolean isCollection, int size) {
            this.file = file;
            this.isCollection = isCollection;
            this.idle = new ArrayBlockingQueue<>(size);
            this.parsable = new Semaphore(size);
        }

        /** Blocks (a worker thread) while every parsed font is in use and no more may be parsed. */
        TrueTypeFont borrow() throws IOException {
            TrueTypeFont font = idle.poll();
            if (font != null) {
                return font;
            }
            if (parsable.tryAcquire()) {
                try {
                    return parse();
                } catch (IOException | RuntimeException e) {
                    parsable.release();
                    throw e;
                }
            }
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for the certificate font", e);
            }
        }

        void giveBack(TrueTypeFont font) {
            idle.offer(font);
        }

        /** The first font of a collection (for WenQuanYi Zen Hei, the proportional one), or the single font. */
        private TrueTypeFont parse() throws IOException {
            if (!isCollection) {
                return new TTFParser().parse(
                        new RandomAccessReadBufferedFile(file));
            }
            // Kept open for as long as the application runs: the font reads its glyphs from it.
            TrueTypeCollection collection = new TrueTypeCollection(file);
            List<TrueTypeFont> found = new ArrayList<>(1);
            collection.processAllFonts(ttf -> {
                if (found.isEmpty()) {
                    found.add(ttf);
                }
            });
            return found.get(0);
        }
    }

    /** Text drawing in one font. */
    private record Text(PDPageContentStream out, PDType0Font font) {

        void at(float x, float y, float size, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, y);
            out.showText(text);
            out.endText();
        }

        void right(float xRight, float y, float size, String text) throws IOException {
            at(xRight - width(text, size), y, size, text);
        }

        void centred(float pageWidth, float y, float size, String text) throws IOException {
            at((pageWidth - width(text, size)) / 2, y, size, text);
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }
    }
}
