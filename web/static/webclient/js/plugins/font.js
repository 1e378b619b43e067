/*
 *
 * Second Chances webclient font plugin: Evennia 6.1's font.js, offering only fonts that need
 * nothing from another site. Evennia's own loads seven stylesheets from fonts.googleapis.com
 * at start-up; here DejaVu Sans Mono comes from the game's static files and the other
 * choices are used when the player's computer has them installed (else the browser's
 * monospace font).
 *
 * It keeps the plugin name "font" and the same options UI, so the options panel is unchanged.
 *
 */
let font_plugin = (function () {

    // font name -> stylesheet the game serves for it ('' = a font installed on the computer)
    const font_urls = {
        'Consolas': '',
        'DejaVu Sans Mono': '/static/webclient/fonts/DejaVuSansMono.css',
        'Fira Mono': '',
        'Inconsolata': '',
        'Monospace': '',
        'Roboto Mono': '',
        'Source Code Pro': '',
        'Ubuntu Mono': '',
    };

    //
    // Apply the font and size the player chose last time, if any.
    var setStartingFont = function () {
        var fontfamily = localStorage.getItem("evenniaFontFamily");
        if( fontfamily ) {
            $(document.body).css("font-family", fontfamily);
        }

        var fontsize = localStorage.getItem("evenniaFontSize");
        if( fontsize ) {
            $(document.body).css("font-size", fontsize+"em");
        }
    }

    //
    //
    var getActiveFontFamily = function () {
        var family = "DejaVu Sans Mono";
        var fontfamily = localStorage.getItem("evenniaFontFamily");
        if( fontfamily != null ) {
            family = fontfamily;
        }
        return family;
    }

    //
    //
    var getActiveFontSize = function () {
        var size = "0.9";
        var fontsize = localStorage.getItem("evenniaFontSize");
        if( fontsize != null ) {
            size = fontsize;
        }
        return size;
    }

    //
    //
    var onFontFamily = function (evnt) {
        var family = $(evnt.target).val();
        $(document.body).css("font-family", family);
        localStorage.setItem("evenniaFontFamily", family);
    }

    //
    //
    var onFontSize = function (evnt) {
        var size = $(evnt.target).val();
        $(document.body).css("font-size", size+"em");
        localStorage.setItem("evenniaFontSize", size);
    }

    //
    //
    var onOptionsUI = function (parentdiv) {
        var fontselect = $("<select>");
        var sizeselect = $("<select>");

        var fonts = Object.keys(font_urls);
        for( const font of fonts ) {
            fontselect.append( $("<option value='"+font+"'>"+font+"</option>") );
        }

        for (var x = 4; x < 21; x++) {
            var val = (x/10.0);
            sizeselect.append( $("<option value='"+val+"'>"+x+"</option>") );
        }

        fontselect.val( getActiveFontFamily() );
        sizeselect.val( getActiveFontSize() );

        // font change callbacks
        fontselect.on("change", onFontFamily);
        sizeselect.on("change", onFontSize);

        // add the font selection dialog control to our parentdiv
        parentdiv.append("<div style='font-weight: bold'>Font Selection:</div>");
        parentdiv.append(fontselect);
        parentdiv.append(sizeselect);
    }

    //
    // Font plugin init function (adds the stylesheets of the fonts the game serves)
    //
    var init = function () {
        var head = $(document.head);

        for (const url of Object.values(font_urls)) {
            if ( url ) {
                head.append( $("<link href='"+url+"' rel='stylesheet'>") );
            }
        }

        setStartingFont();
    }

    return {
        init: init,
        onOptionsUI: onOptionsUI,
    }
})();
window.plugin_handler.add("font", font_plugin);
